from odoo import Command
from odoo.tests import new_test_user, tagged

from ..hooks import post_init_hook, uninstall_hook
from .common import StageLineCase
from .test_stage_automation_custom import ADMIN_CONDITION

LINES_LOGGER = (
    "odoo.addons.crm_stage_automation.models.crm_stage_automation_reinstallation"
)


@tagged("post_install", "-at_install", "crm_stage_automation")
class TestStageLinesReinstallation(StageLineCase):
    """A sales manager's stage lines are switched off by the uninstallation and
    come back, as he left them, with the reinstallation."""

    def _uninstall(self):
        uninstall_hook(self.env)
        # the lines' table and the module's action types go away with the module,
        # the rules stay
        self.env["ir.actions.server"].search(
            [
                (
                    "state",
                    "in",
                    self.env["ir.actions.server"]._opportunity_action_states(),
                )
            ]
        ).unlink()
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM crm_stage_automation")
        self.env.invalidate_all()

    def _manager_line(self, enabled):
        line = self._add_line(self.stage_won, event="meeting_planned")
        line.enabled = enabled
        return line.sudo().rule_id

    def test_uninstallation_switches_the_rules_off_and_reinstallation_on(self):
        rule = self._manager_line(enabled=True)
        with self.assertLogs(LINES_LOGGER, "WARNING"):  # its rule switched off
            self._uninstall()
        self.assertFalse(rule.active, "without the module, nothing runs it")
        post_init_hook(self.env)
        [line] = self.stage_won.move_automation_ids
        self.assertEqual((line.event, line.rule_id), ("meeting_planned", rule))
        self.assertTrue(line.enabled)
        self.assertTrue(rule.active)
        self._plan_meeting()
        self.assertEqual(self.opportunity.stage_id, self.stage_won)

    def test_a_line_switched_off_comes_back_switched_off(self):
        rule = self._manager_line(enabled=False)
        with self.assertLogs(LINES_LOGGER, "WARNING"):  # the meeting line's rule
            self._uninstall()
        post_init_hook(self.env)
        [line] = self.stage_won.move_automation_ids
        self.assertEqual(line.rule_id, rule)
        self.assertFalse(line.enabled)

    def test_a_customized_line_comes_back_moving_opportunities(self):
        rule = self._manager_line(enabled=True)
        rule.with_env(self.env(user=self.user_admin)).action_server_ids = [
            Command.create(
                {
                    "name": "Locate the meeting",
                    "model_id": self.env["ir.model"]._get_id("calendar.event"),
                    "state": "code",
                    "code": "records.write({'location': 'ADMIN'})",
                }
            )
        ]
        with self.assertLogs(LINES_LOGGER, "WARNING"):  # its rule switched off
            self._uninstall()
        self.assertEqual(rule.action_server_ids.mapped("state"), ["code"])
        post_init_hook(self.env)
        [line] = self.stage_won.move_automation_ids
        self.assertTrue(line.is_custom, "the administrator's rule, still his")
        self.assertTrue(line.enabled)
        self.assertEqual(
            sorted(rule.action_server_ids.mapped("state")), ["code", "crm_stage"]
        )
        meeting = self._plan_meeting()
        self.assertEqual(meeting.location, "ADMIN")
        self.assertEqual(self.opportunity.stage_id, self.stage_won)

    def test_a_rule_with_an_administrators_uid_condition_comes_back_as_it_was(self):
        rule = self._manager_line(enabled=True)
        rule.filter_domain = ADMIN_CONDITION
        with self.assertLogs(LINES_LOGGER, "WARNING"):  # its rule switched off
            self._uninstall()
        post_init_hook(self.env)
        [line] = self.stage_won.move_automation_ids
        self.assertTrue(line.is_custom)
        self.assertEqual(rule.filter_domain, ADMIN_CONDITION)
        self.assertEqual(len(rule.action_server_ids), 1)
        self.assertTrue(rule.active)

    def test_an_email_line_comes_back_rendering_as_its_chooser(self):
        self._add_line(
            self.stage_survey, action="email", template_id=self._template().id
        )
        with self.assertLogs(LINES_LOGGER, "WARNING"):  # its rule switched off
            self._uninstall()
        post_init_hook(self.env)
        [line] = self.stage_survey.entry_automation_ids
        self.assertEqual(line.template_user_id, self.user_sales_manager)

    def test_a_line_whose_assignee_was_archived_meanwhile_is_left_out(self):
        assignee = new_test_user(
            self.env, login="site_manager", groups="sales_team.group_sale_salesman"
        )
        line = self._add_line(
            self.stage_survey,
            action="activity",
            activity_type_id=self.call.id,
            assignee="user",
            user_id=assignee.id,
        )
        rule = line.sudo().rule_id
        with self.assertLogs(LINES_LOGGER, "WARNING"):  # its rule switched off
            self._uninstall()
        assignee.active = False
        with self.assertLogs(LINES_LOGGER, "WARNING") as logs:
            post_init_hook(self.env)
        self.assertIn("active internal user", logs.output[0])
        self.assertFalse(self.stage_survey.entry_automation_ids)
        self.assertFalse(rule.active)
