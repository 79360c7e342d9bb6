import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class IrActionsServer(models.Model):
    """The *Move Opportunity Forward* action type, for automation rules on any
    model leading to an opportunity."""

    _inherit = "ir.actions.server"

    state = fields.Selection(
        selection_add=[("crm_stage", "Move Opportunity Forward")],
        ondelete={"crm_stage": "cascade"},
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

    def _name_depends(self):
        return [*super()._name_depends(), "crm_stage_id.name"]

    def _generate_action_name(self):
        self.ensure_one()
        if self.state == "crm_stage":
            return self.env._(
                "Move the opportunity forward to %(stage)s",
                stage=self.crm_stage_id.name or self.env._("(no stage)"),
            )
        return super()._generate_action_name()

    @api.model
    def _opportunity_action_states(self):
        """The action types acting on the opportunity behind a document; an addon
        adding one extends this list."""
        return ["crm_stage"]

    def run(self):
        # Odoo refuses an action restricted to other groups with an AccessError:
        # the opportunity's actions must never block the quotation, activity or
        # email behind them.
        states = self._opportunity_action_states()
        restricted = self.sudo().filtered(
            lambda action: (
                action.state in states
                and action.group_ids
                and not action.group_ids & self.env.user.all_group_ids
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

    def _run_action_mail_post_multi(self, eval_context=None):
        # base_automation runs its actions as superuser: the email of a stage line
        # renders and posts with no more rights than whoever chose its template
        line = self._email_stage_line()
        if not line:
            return super()._run_action_mail_post_multi(eval_context)
        chooser = line.template_user_id
        records = eval_context.get("records") or eval_context.get("record")
        if not records or self._is_recompute():
            return False
        readable = records.browse()
        if chooser:
            readable = self._records_as(records, chooser)._filtered_access("read")
        if records - readable:
            _logger.warning(
                "Email of automation rule %r not sent on %s: the user who chose its "
                "template (%s) may not read them.",
                self.base_automation_id.name,
                records - readable,
                chooser.login or "unknown",
            )
        if not readable:
            return False
        try:
            with self.env.cr.savepoint():
                readable.message_post_with_source(
                    self.template_id.with_user(chooser),
                    message_type="auto_comment",
                    subtype_xmlid="mail.mt_comment",
                )
        except UserError as error:  # the move or event behind it goes through
            _logger.warning(
                "Email of automation rule %r not sent as %s: %s",
                self.base_automation_id.name,
                chooser.login,
                error,
            )
        return False

    def _records_as(self, records, user):
        """``records`` in ``user``'s environment, in his companies, as mail's own
        action posts them (the caller's defaults are not the email's)."""
        context = {
            key: value
            for key, value in records.env.context.items()
            if not key.startswith("default_")
        }
        return records.with_user(user).with_context(
            context,
            allowed_company_ids=user.company_ids.ids,
            mail_post_autofollow_author_skip=True,
            mail_post_autofollow=self.mail_post_autofollow,
        )

    def _email_stage_line(self):
        """The stage line whose email this action is, as the line writes it;
        an administrator's other template or way of sending is his own."""
        if not self.base_automation_id or self.mail_post_method != "comment":
            return self.env["crm.stage.automation"]
        return (
            self.env["crm.stage.automation"]
            .sudo()
            .search(
                [
                    ("rule_id", "=", self.base_automation_id.id),
                    ("template_id", "=", self.template_id.id),
                ],
                limit=1,
            )
        )

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
