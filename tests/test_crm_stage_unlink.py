from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OpenfireStageCase


@tagged("post_install", "-at_install")
class TestCrmStageUnlink(OpenfireStageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_audit = cls.env["crm.stage"].create({"name": "Safety audit", "sequence": 3})

    def _unlink_as_manager(self, stages):
        stages.with_user(self.user_sales_manager).with_context(
            allowed_company_ids=self.company_main.ids
        ).unlink()

    def test_empty_stage_is_deleted(self):
        self._unlink_as_manager(self.stage_audit)
        self.assertFalse(self.stage_audit.exists())

    def test_stage_with_opportunities_is_kept_with_counts(self):
        leads = self._create_opportunity(stage_id=self.stage_audit.id)
        leads += self._create_opportunity(stage_id=self.stage_audit.id)
        leads[1].action_set_lost()
        with self.assertRaises(UserError) as error:
            self._unlink_as_manager(self.stage_audit)
        message = str(error.exception)
        self.assertIn("Safety audit: 1 active and 1 archived", message)
        self.assertIn("archived (lost) opportunities", message)
        self.assertTrue(self.stage_audit.exists())
        self.assertEqual(len(leads.exists()), 2, "nothing is lost")

    def test_stage_with_only_lost_opportunities_is_kept(self):
        self._create_opportunity(stage_id=self.stage_audit.id).action_set_lost()
        with self.assertRaisesRegex(UserError, "Safety audit: 0 active and 1 archived"):
            self._unlink_as_manager(self.stage_audit)
        self.assertTrue(self.stage_audit.exists())

    def test_leads_the_user_cannot_see_block_deletion(self):
        self._create_opportunity(
            stage_id=self.stage_audit.id,
            team_id=self.team_c2.id,
            company_id=self.company_2.id,
            user_id=False,
        )
        self.env["crm.lead"].create(
            {"name": "Plain lead", "type": "lead", "stage_id": self.stage_audit.id}
        ).action_set_lost()
        with self.assertRaisesRegex(UserError, "Safety audit: 1 active and 1 archived"):
            self._unlink_as_manager(self.stage_audit)

    def test_batch_deletion_reports_every_blocking_stage(self):
        stage_empty = self.env["crm.stage"].create({"name": "Empty"})
        self._create_opportunity(stage_id=self.stage_audit.id)
        self._create_opportunity(stage_id=self.stage_quote.id).action_set_lost()
        with self.assertRaises(UserError) as error:
            self._unlink_as_manager(self.stage_audit + self.stage_quote + stage_empty)
        message = str(error.exception)
        self.assertIn("Safety audit: 1 active and 0 archived", message)
        self.assertRegex(message, r"Quote: \d+ active and \d+ archived")
        self.assertNotIn("Empty", message)
        self.assertTrue(stage_empty.exists(), "the batch is refused as a whole")

    def test_refusal_message_in_french(self):
        self._ensure_french()
        self._create_opportunity(stage_id=self.stage_audit.id).action_set_lost()
        with self.assertRaisesRegex(UserError, r"0 active\(s\) et 1 archivée\(s\)"):
            self.stage_audit.with_context(lang="fr_FR").unlink()
