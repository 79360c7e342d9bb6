from odoo.tests import tagged

from .test_stage_automation_openfire import StageAutomationCase

SHIPPED_LINES = [
    ("Estimate", "estimate_created", "move"),
    ("Technical Visit", "activity_planned", "move"),
    ("Quote", "quote_created", "move"),
    ("Quote", "quote_sent", "move"),
    ("Quote", "quote_sent", "follow_up"),
]


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_automation")
class TestShippedStageAutomation(StageAutomationCase):
    """OpenFire's rules, as lines of its stages."""

    def _lines(self):
        lines = self.env["crm.stage.automation"].search([])
        return [(line.stage_id.name, line.event, line.action) for line in lines]

    def test_shipped_rules_show_as_lines_of_their_stages(self):
        self.assertEqual(self._lines(), SHIPPED_LINES)
        lines = self.env["crm.stage.automation"].search([])
        self.assertTrue(all(lines.mapped("enabled")))
        self.assertFalse(any(lines.mapped("is_custom")))
        self.assertEqual(
            lines.rule_id,
            self.rule_estimate
            + self.rule_visit
            + self.rule_quote
            + self.rule_quote_sent
            + self.env.ref("openfire_crm_stage.automation_quote_sent_follow_up"),
        )

    def test_a_shipped_line_switched_off_stops_its_rule(self):
        line = self.stage_quote.move_automation_ids.filtered(
            lambda line: line.event == "quote_created"
        ).with_user(self.user_sales_manager)
        line.enabled = False
        self.assertFalse(self.rule_quote.active)
        self._new_order()
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
