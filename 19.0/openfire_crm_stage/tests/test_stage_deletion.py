from odoo.tests import tagged

from .common import OpenfireStageCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_unlink")
class TestStageDeletion(OpenfireStageCase):
    """What OpenFire's pipeline adds to crm_stage_deletion_guard's move-and-delete
    wizard: the stage probability and the shipped rules' moves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_audit = cls.env["crm.stage"].create(
            {"name": "Safety audit", "sequence": 3}
        )

    def _move_and_delete(self, target):
        self.env["crm.stage.delete"].with_user(self.user_sales_manager).with_context(
            active_model="crm.stage",
            active_ids=self.stage_audit.ids,
            allowed_company_ids=self.company_main.ids,
        ).create({"target_stage_id": target.id}).action_move_and_delete()

    def test_moved_opportunities_take_the_target_probability_lost_ones_zero(self):
        active = self._create_opportunity(stage_id=self.stage_audit.id)
        lost = self._create_opportunity(stage_id=self.stage_audit.id)
        lost.action_set_lost()
        self._move_and_delete(self.stage_visit)
        self.assertEqual(active.probability, 50)
        self.assertEqual(lost.probability, 0)

    def test_deleting_a_stage_removes_only_the_moves_into_it(self):
        rule = self.env.ref("openfire_crm_stage.automation_quote_to_quote")
        rule.action_server_ids.crm_stage_id = self.stage_audit
        consultant_rule = rule.copy({"name": "Quote issued: move and note"})
        note = self.env["ir.actions.server"].create(
            {
                "name": "Note the quote",
                "model_id": rule.model_id.id,
                "state": "code",
                "code": "records.message_post(body='Quote issued')",
                "base_automation_id": consultant_rule.id,
                "usage": "base_automation",
            }
        )
        with self.assertLogs(
            "odoo.addons.crm_stage_automation.models.crm_stage_rules", "WARNING"
        ) as logs:
            self._move_and_delete(self.stage_visit)
        self.assertIn(rule.name, logs.output[0])
        self.assertFalse(rule.active, "nothing left to do")
        self.assertFalse(rule.action_server_ids)
        self.assertTrue(consultant_rule.active, "its other action keeps running")
        self.assertEqual(consultant_rule.action_server_ids, note)
