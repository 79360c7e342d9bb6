from odoo import api, fields, models


class IrActionsServer(models.Model):
    """The *Schedule Quote Follow-up* action type, for automation rules on any
    model leading to an opportunity."""

    _inherit = "ir.actions.server"

    state = fields.Selection(
        selection_add=[("crm_quote_follow_up", "Schedule Quote Follow-up")],
        ondelete={"crm_quote_follow_up": "cascade"},
    )

    @api.model
    def _opportunity_action_states(self):
        return [*super()._opportunity_action_states(), "crm_quote_follow_up"]

    def _run_action_crm_quote_follow_up_multi(self, eval_context=None):
        for _document, opportunities in self._documents_and_opportunities(eval_context):
            opportunities._schedule_quote_follow_up()
        return False
