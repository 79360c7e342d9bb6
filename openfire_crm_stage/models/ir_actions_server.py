import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

# the module's action types, which go away with it
OPPORTUNITY_ACTIONS = ("crm_stage", "crm_quote_follow_up")


class IrActionsServer(models.Model):
    """Two action types for automation rules on any model leading to an
    opportunity: *Move Opportunity Forward* and *Schedule Quote Follow-up*."""

    _inherit = "ir.actions.server"

    state = fields.Selection(
        selection_add=[
            ("crm_stage", "Move Opportunity Forward"),
            ("crm_quote_follow_up", "Schedule Quote Follow-up"),
        ],
        ondelete={"crm_stage": "cascade", "crm_quote_follow_up": "cascade"},
    )
    crm_stage_id = fields.Many2one(
        "crm.stage",
        string="Target Stage",
        ondelete="set null",
        help="Stage the related opportunity moves to. It only moves forward (to a "
        "stage of higher sequence), never when won or lost, only to a stage its "
        "company and sales team can use, and only when the user behind the event "
        "may edit it.",
    )

    @api.depends("crm_stage_id.name")
    def _compute_name(self):
        res = super()._compute_name()
        for action in self.filtered(
            lambda a: a.base_automation_id and a.state == "crm_stage"
        ):
            action.name = self.env._(
                "Move the opportunity forward to %(stage)s",
                stage=action.crm_stage_id.name or self.env._("(no stage)"),
            )
        return res

    def run(self):
        # Odoo refuses an action restricted to other groups with an AccessError:
        # the module's actions must never block the quotation, activity or email
        # behind them.
        restricted = self.sudo().filtered(
            lambda action: (
                action.state in OPPORTUNITY_ACTIONS
                and action.groups_id
                and not action.groups_id & self.env.user.groups_id
            )
        )
        for action in restricted:
            _logger.warning(
                "Automation rule %r skipped for %s: restricted to other user groups.",
                action.base_automation_id.name or action.name,
                self.env.user.login,
            )
        return super(IrActionsServer, self - restricted).run()

    def _run_action_crm_stage_multi(self, eval_context=None):
        # one move for all the records of the event: the first document of an
        # opportunity names its move
        documents = {}
        for document, opportunities in self._documents_and_opportunities(eval_context):
            for lead_id in opportunities.ids:
                documents.setdefault(lead_id, document)
        self.env["crm.lead"].browse(documents)._move_forward_to_stage(
            self.crm_stage_id, documents, self.base_automation_id.name or self.name
        )
        return False

    def _run_action_crm_quote_follow_up_multi(self, eval_context=None):
        for _document, opportunities in self._documents_and_opportunities(eval_context):
            opportunities._schedule_quote_follow_up()
        return False

    def _documents_and_opportunities(self, eval_context):
        """(document, its opportunities) for each record the action runs on;
        a document whose model leads to no opportunity is skipped with a log."""
        documents = eval_context.get("records") or eval_context.get("record") or ()
        for document in documents:
            opportunities = self._opportunities_of(document)
            if opportunities is None:
                _logger.warning(
                    "Automation rule %r skipped: %s has no opportunity.",
                    self.base_automation_id.name or self.name,
                    document._name,
                )
                continue
            yield document, opportunities

    @api.model
    def _opportunities_of(self, document):
        """The opportunity a document is about: the opportunity itself, its
        ``opportunity_id`` (quotations, meetings) or the lead it is attached to
        (activities); None when the document's model has none."""
        if document._name == "crm.lead":
            return document
        field = document._fields.get("opportunity_id")
        if field and field.comodel_name == "crm.lead":
            return document.opportunity_id
        if "res_model" in document._fields and "res_id" in document._fields:
            if document.res_model == "crm.lead":
                return document.env["crm.lead"].browse(document.res_id).exists()
            return document.env["crm.lead"]
        return None
