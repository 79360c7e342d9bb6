from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import StageLineCase

RULES_LOGGER = "odoo.addons.crm_stage_automation.models.crm_stage_rules"
# base_automation evaluates it, as the README invites administrators to write
ADMIN_CONDITION = (
    "[('opportunity_id', '!=', False), ('user_id', '=', uid), "
    "('start', '>=', context_today().strftime('%Y-%m-%d'))]"
)


@tagged("post_install", "-at_install", "crm_stage_automation")
class TestStageAutomationCustomRules(StageLineCase):
    """A line's rule that an administrator made his own in Automation Rules shows
    as custom, is never rewritten, and is his to switch on."""

    def _line_with_admin_condition(self, stage):
        line = self._add_line(stage, event="meeting_planned")
        line.rule_id.sudo().filter_domain = ADMIN_CONDITION
        return line

    def _line_with_admin_code(self):
        line = self._add_line(self.stage_won, event="meeting_planned")
        # from the Automation Rules of the administrator's own session
        rule = line.with_env(self.env(user=self.user_admin)).rule_id
        rule.action_server_ids = [
            Command.create(
                {
                    "name": "Locate the meeting",
                    "model_id": self.env["ir.model"]._get_id("calendar.event"),
                    "state": "code",
                    "code": "records.write({'location': 'ADMIN'})",
                }
            )
        ]
        return line

    # An administrator's condition that is no plain list

    def test_the_stage_dialog_shows_a_rule_using_uid_as_custom_with_its_link(self):
        line = self._line_with_admin_condition(self.stage_won)
        stage = self.stage_won.with_env(self.manager_env)
        form = Form(stage, view="crm.crm_stage_form")
        self.assertEqual(len(form.move_automation_ids), 1)
        line = line.with_env(self.manager_env)
        self.assertTrue(line.is_custom)
        self.assertTrue(line.enabled)
        self.assertEqual(line.rule_name, line.rule_id.sudo().name)
        admin_line = line.with_user(self.user_admin)
        self.assertEqual(admin_line.rule_id.name, line.rule_name, "the admin's link")

    def test_renaming_the_stage_keeps_a_rule_using_uid_as_it_is(self):
        line = self._line_with_admin_condition(self.stage_won)
        rule = line.rule_id.sudo()
        name = rule.name
        self.stage_won.with_env(self.manager_env).name = "Signed"
        self.assertEqual((rule.name, rule.filter_domain), (name, ADMIN_CONDITION))

    def test_deleting_a_stage_keeps_a_rule_using_uid_switched_off(self):
        stage = self.env["crm.stage"].create({"name": "Financing", "sequence": 45})
        rule = self._line_with_admin_condition(stage).rule_id.sudo()
        with self.assertLogs(RULES_LOGGER, "WARNING") as logs:
            stage.with_env(self.manager_env).unlink()
        self.assertFalse(stage.exists())
        self.assertIn(rule.name, logs.output[0])
        self.assertTrue(rule.exists(), "the administrator's rule stays, as he left it")
        self.assertFalse(rule.active, "its move went with the stage")

    # Switching on

    def test_a_manager_switches_an_administrators_code_off_not_back_on(self):
        line = self._line_with_admin_code().with_env(self.manager_env)
        rule = line.rule_id.sudo()
        self.assertTrue(line.is_custom)
        line.enabled = False
        self.assertFalse(rule.active)
        with self.assertRaisesRegex(AccessError, "only an administrator may switch"):
            line.enabled = True
        with self.assertRaises(AccessError, msg="sudo grants no right"):
            line.sudo().write({"enabled": True})
        self.assertFalse(rule.active)
        meeting = self._plan_meeting()
        self.assertFalse(meeting.location, "the administrator's code stays off")

    def test_a_rule_an_administrator_switched_off_is_his_to_switch_on(self):
        line = self._line_with_admin_code().with_env(self.manager_env)
        line.rule_id.sudo().active = False
        with self.assertRaises(AccessError):
            line.enabled = True
        line.with_user(self.user_admin).enabled = True
        self.assertTrue(line.rule_id.sudo().active)
        meeting = self._plan_meeting()
        self.assertEqual(meeting.location, "ADMIN")
        self.assertEqual(self.opportunity.stage_id, self.stage_won)

    def test_a_manager_switches_a_line_of_the_catalogue_back_on(self):
        line = self._add_line(self.stage_won, event="meeting_planned")
        line.rule_id.sudo().active = False
        line.enabled = True
        self.assertTrue(line.rule_id.sudo().active)
