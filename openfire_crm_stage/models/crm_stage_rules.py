import logging

from odoo import fields, models

_logger = logging.getLogger(__name__)


class CrmStage(models.Model):
    """A stage's automation: its lines, the other rules moving opportunities into
    it, and what renaming or deleting the stage does to them."""

    _inherit = "crm.stage"

    move_automation_ids = fields.One2many(
        "crm.stage.automation",
        "stage_id",
        string="Move Opportunities Here When…",
        domain=[("action", "in", ("move", "follow_up"))],
    )
    entry_automation_ids = fields.One2many(
        "crm.stage.automation",
        "stage_id",
        string="When an Opportunity Enters This Stage…",
        domain=[("action", "in", ("activity", "email"))],
    )
    other_automation_ids = fields.Many2many(
        "base.automation",
        string="Other Automation Rules",
        compute="_compute_other_automation_ids",
        groups="base.group_system",
        help="Rules made in Automation Rules that move opportunities into this stage.",
    )

    def _compute_other_automation_ids(self):
        actions_by_stage = self._get_stage_actions().grouped("crm_stage_id")
        for stage in self:
            rules = actions_by_stage.get(
                stage, self.env["ir.actions.server"]
            ).base_automation_id
            stage.other_automation_ids = rules - stage.move_automation_ids.rule_id

    def write(self, vals):
        res = super().write(vals)
        if "name" in vals:
            # the lines' rules are named after their stage
            for line in (
                self.sudo()
                .with_context(active_test=False)
                .mapped(
                    lambda stage: stage.move_automation_ids + stage.entry_automation_ids
                )
                .filtered(lambda line: not line.is_custom)
            ):
                line.rule_id.name = line._rule_name()
        return res

    def unlink(self):
        """The automation of deleted stages goes with them: their lines with
        their rules, and the moves into them of other rules; such a rule keeps
        its other actions, and is switched off when it has none left."""
        # through the ORM: lines deleted by the database would leave their
        # external ids behind
        lines = self.move_automation_ids + self.entry_automation_ids
        if lines:
            lines.sudo().unlink()
        actions = self._get_stage_actions()
        rules = actions.base_automation_id
        res = super().unlink()
        if actions:
            _logger.warning(
                "Stages deleted: the moves into them of the automation rules %s "
                "are removed.",
                rules.mapped("name"),
            )
            actions.unlink()
            rules.filtered(lambda rule: not rule.action_server_ids).active = False
        return res

    def _get_stage_actions(self):
        """The *Move Opportunity Forward* actions leading into these stages."""
        return (
            self.env["ir.actions.server"]
            .sudo()
            .search([("state", "=", "crm_stage"), ("crm_stage_id", "in", self.ids)])
        )
