from odoo import Command, fields, models


class CrmLead(models.Model):
    """Merging opportunities moves the merged ones' messages, their stage changes
    included, onto the one kept: those are noted, so that the stage history of the
    one kept (Stage Durations, Stage Conversion) stays its own. Only the merge
    notes them: a sales user noting other changes would empty the reports."""

    _inherit = "crm.lead"

    merged_stage_change_ids = fields.Many2many(
        "mail.message",
        "crm_lead_merged_stage_change_rel",
        "lead_id",
        "message_id",
        string="Stage Changes of Merged Opportunities",
        copy=False,
        groups="base.group_system",
        help="Stage changes of the opportunities merged into this one: shown in its "
        "chatter, left out of its stage history.",
    )

    def _merge_dependences_history(self, opportunities):
        # crm's hook moving the messages, reached by every merge (the merge
        # wizard, conversions, and the sales teams' assignment of duplicates)
        stage_field = self.env["ir.model.fields"]._get_ids(self._name)["stage_id"]
        changes = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("field_id", "=", stage_field),
                    ("mail_message_id.model", "=", self._name),
                    ("mail_message_id.res_id", "in", opportunities.ids),
                ]
            )
            .mail_message_id
        )
        res = super()._merge_dependences_history(opportunities)
        if changes:
            # the merging user's rights were checked on the opportunities; the
            # note is the merge's own, which no sales user may write
            self.sudo().merged_stage_change_ids = [Command.link(m.id) for m in changes]
        return res
