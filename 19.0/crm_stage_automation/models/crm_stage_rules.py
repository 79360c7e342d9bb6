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
        domain=[("event", "!=", False)],
    )
    entry_automation_ids = fields.One2many(
        "crm.stage.automation",
        "stage_id",
        string="When an Opportunity Enters This Stage…",
        domain=[("event", "=", False)],
    )
    other_automation_ids = fields.Many2many(
        "base.automation",
        string="Other Automation Rules",
        compute="_compute_other_automation_ids",
        groups="base.group_system",
        help="Rules made in Automation Rules that move opportunities into this stage.",
    )
    other_automation_names = fields.Text(
        string="Other Rules Moving Opportunities Here",
        compute="_compute_other_automation_names",
        help="Rules made in Automation Rules (by an administrator) that move "
        "opportunities into this stage.",
    )

    def _compute_other_automation_ids(self):
        others = self._get_other_automation_rules()
        for stage in self:
            stage.other_automation_ids = others[stage]

    def _compute_other_automation_names(self):
        # the rules' names only: sales managers may not read automation rules
        others = self._get_other_automation_rules()
        for stage in self:
            stage.other_automation_names = "\n".join(others[stage].mapped("name"))

    def write(self, vals):
        # the moves into these stages still bearing the name Odoo generated
        # follow their stage's new name; the others keep theirs
        moves = self.env["ir.actions.server"]
        if "name" in vals:
            moves = self._get_stage_actions().filtered(
                lambda move: move.name == move._generate_action_name()
            )
        res = super().write(vals)
        for move in moves:
            move.name = move._generate_action_name()
        if "name" in vals:
            # the lines' rules are named after their stage
            for line in (self.move_automation_ids + self.entry_automation_ids).filtered(
                lambda line: line.rule_id and not line.is_custom
            ):
                line._write_rule()
        return res

    def unlink(self):
        """The automation of deleted stages goes with them: their lines with
        their rules, and the moves into them of other rules; such a rule keeps
        its other actions, and is switched off when it has none left. Read
        before the deletion guard lets the stages go, written after."""
        lines = (self.move_automation_ids + self.entry_automation_ids).sudo()
        own_rules = lines.filtered(lambda line: not line.is_custom).rule_id
        actions = self._get_stage_actions() - own_rules.action_server_ids
        line_ids = lines.ids
        res = super().unlink()
        if line_ids:
            # the database deleted the lines with their stage: their external
            # ids go too, as the ORM's deletion would take them
            self.env["ir.model.data"].sudo().search(
                [("model", "=", lines._name), ("res_id", "in", line_ids)]
            ).unlink()
        if own_rules:
            own_rules.unlink()
        if actions:
            rules = actions.base_automation_id
            _logger.warning(
                "Stages deleted: the moves into them of the automation rules %s "
                "are removed.",
                rules.mapped("name"),
            )
            actions.unlink()
            rules.filtered(lambda rule: not rule.action_server_ids).active = False
        return res

    def _comes_after(self, stage):
        """Whether this stage comes after ``stage`` in the pipeline's order (its
        sequence, then its id), as a move forward goes; every stage comes after
        none."""
        self.ensure_one()
        return not stage or (stage.sequence, stage.id) < (self.sequence, self.id)

    def _get_other_automation_rules(self):
        """{stage: the rules made in Automation Rules moving opportunities into
        it}, beside its lines' own."""
        actions_by_stage = self._get_stage_actions().grouped("crm_stage_id")
        return {
            stage: actions_by_stage.get(
                stage, self.env["ir.actions.server"]
            ).base_automation_id
            - stage.move_automation_ids.rule_id
            for stage in self
        }

    def _get_stage_actions(self):
        """The *Move Opportunity Forward* actions leading into these stages."""
        return (
            self.env["ir.actions.server"]
            .sudo()
            .search([("state", "=", "crm_stage"), ("crm_stage_id", "in", self.ids)])
        )
