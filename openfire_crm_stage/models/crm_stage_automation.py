import logging

from odoo import fields, models

_logger = logging.getLogger(__name__)


class CrmStage(models.Model):
    """The automation rules moving opportunities into a stage."""

    _inherit = "crm.stage"

    automation_ids = fields.Many2many(
        "base.automation",
        string="Automation Rules",
        compute="_compute_automation_ids",
        groups="base.group_system",
        help="Automation rules that move opportunities into this stage.",
    )

    def _compute_automation_ids(self):
        actions_by_stage = self._get_stage_actions().grouped("crm_stage_id")
        for stage in self:
            stage.automation_ids = actions_by_stage.get(
                stage, self.env["ir.actions.server"]
            ).base_automation_id

    def unlink(self):
        """The moves into deleted stages go with them: a rule keeps its other
        actions, and is switched off when it has none left."""
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
