from odoo import Command
from odoo.modules.migration import load_script
from odoo.tests import tagged
from odoo.tools.misc import file_path

from .test_stage_automation_openfire import StageAutomationCase

SHIPPED_LINES = [
    ("Estimate", "estimate_created", "move"),
    ("Technical Visit", "activity_planned", "move"),
    ("Quote", "quote_created", "move"),
    ("Quote", "quote_sent", "move"),
    ("Quote", "quote_sent", "follow_up"),
]


def _migrate(env, version, script):
    load_script(
        file_path(f"openfire_crm_stage/migrations/{version}/{script}.py"),
        f"openfire_crm_stage_{script}_{version}".replace(".", "_").replace("-", "_"),
    ).migrate(env.cr, version)
    env.invalidate_all()


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_automation")
class TestShippedStageAutomation(StageAutomationCase):
    """OpenFire's rules, as lines of its stages, through the upgrades."""

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

    def test_upgrade_from_1_1_shows_the_shipped_rules_as_lines(self):
        # before 18.0.1.2.0, rules had no stage lines
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM crm_stage_automation")
        self.env.cr.execute(
            "DELETE FROM ir_model_data WHERE model = 'crm.stage.automation'"
        )
        self.env.invalidate_all()
        follow_up = self.env.ref("openfire_crm_stage.automation_quote_sent_follow_up")
        follow_up.filter_domain = False  # as 18.0.1.1.0 shipped it
        self.env.flush_all()
        _migrate(self.env, "18.0.1.2.0", "post-migrate")
        self.assertEqual(self._lines(), SHIPPED_LINES)
        lines = self.env["crm.stage.automation"].search([])
        self.assertFalse(any(lines.mapped("is_custom")))

    def test_upgrade_gives_existing_email_lines_their_last_writer(self):
        template = self.env["mail.template"].create(
            {"name": "Welcome", "model_id": self.env["ir.model"]._get_id("crm.lead")}
        )
        self.stage_visit.with_user(self.user_sales_manager).entry_automation_ids = [
            Command.create({"action": "email", "template_id": template.id})
        ]
        line = self.stage_visit.entry_automation_ids
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_stage_automation SET template_user_id = NULL, write_uid = %s",
            [self.user_sales_leads.id],
        )
        _migrate(self.env, "18.0.1.3.0", "post-migrate")
        self.assertEqual(line.template_user_id, self.user_sales_leads)

    def test_upgrade_to_2_0_keeps_the_technical_visit_line_moving(self):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_stage_automation SET event = 'visit_planned' "
            "WHERE event = 'activity_planned'"
        )
        _migrate(self.env, "18.0.2.0.0", "pre-migrate-automation-events")
        (line,) = self.stage_visit.move_automation_ids
        self.assertEqual(line.event, "activity_planned")
        self.assertFalse(line.is_custom, "its rule is still the line's")
        self.opportunity.activity_schedule(activity_type_id=self.visit_type.id)
        self.env.flush_all()
        self.assertEqual(self.opportunity.stage_id, self.stage_visit)
