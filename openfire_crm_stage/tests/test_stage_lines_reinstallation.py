from odoo.tests import tagged

from ..hooks import post_init_hook, uninstall_hook
from .common import OpenfireStageCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_automation")
class TestStageLinesReinstallation(OpenfireStageCase):
    """A sales manager's stage lines are switched off by the uninstallation and
    come back, as he left them, with the reinstallation."""

    def _uninstall(self):
        uninstall_hook(self.env)
        # the lines' table goes away with the module, their rules stay
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM crm_stage_automation")
        self.env.invalidate_all()

    def _manager_line(self, enabled):
        Line = self.env["crm.stage.automation"].with_user(self.user_sales_manager)
        line = Line.create({"stage_id": self.stage_won.id, "event": "quote_confirmed"})
        line.enabled = enabled
        return line.sudo().rule_id

    def test_uninstallation_switches_the_rules_off_and_reinstallation_on(self):
        rule = self._manager_line(enabled=True)
        with self.assertLogs("odoo.addons.openfire_crm_stage.hooks", "WARNING"):
            self._uninstall()
        self.assertFalse(rule.active, "without the module, nothing runs it")
        post_init_hook(self.env)
        [line] = self.stage_won.move_automation_ids
        self.assertEqual((line.event, line.rule_id), ("quote_confirmed", rule))
        self.assertTrue(line.enabled)
        self.assertTrue(rule.active)

    def test_a_line_switched_off_comes_back_switched_off(self):
        rule = self._manager_line(enabled=False)
        self._uninstall()
        post_init_hook(self.env)
        [line] = self.stage_won.move_automation_ids
        self.assertEqual(line.rule_id, rule)
        self.assertFalse(line.enabled)
