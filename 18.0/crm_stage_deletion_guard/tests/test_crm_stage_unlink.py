from odoo import Command
from odoo.exceptions import AccessError, RedirectWarning, UserError
from odoo.tests import tagged

from .common import StageDeletionCase, ensure_french


@tagged("post_install", "-at_install", "crm_stage_deletion_guard")
class TestCrmStageUnlink(StageDeletionCase):
    def _unlink_as_manager(self, stages):
        stages.with_user(self.user_sales_manager).with_context(
            allowed_company_ids=self.company_main.ids
        ).unlink()

    def _refusal(self, stages):
        """The message a sales administrator gets when deleting ``stages``."""
        with self.assertRaises(RedirectWarning) as error:
            self._unlink_as_manager(stages)
        message, action_id, button, context = error.exception.args
        self.assertEqual(
            action_id,
            self.env.ref("crm_stage_deletion_guard.crm_stage_delete_action").id,
        )
        self.assertEqual(button, "Move Opportunities and Delete")
        self.assertEqual(context, {"default_stage_ids": stages.ids})
        return message

    def test_empty_stage_is_deleted(self):
        self._unlink_as_manager(self.stage_audit)
        self.assertFalse(self.stage_audit.exists())

    def test_stage_with_opportunities_is_kept_with_counts(self):
        leads = self._create_opportunity(stage_id=self.stage_audit.id)
        leads += self._create_opportunity(stage_id=self.stage_audit.id)
        leads[1].action_set_lost()
        message = self._refusal(self.stage_audit)
        self.assertIn("Safety audit: 1 active and 1 archived", message)
        self.assertIn("archived (lost) opportunities", message)
        self.assertTrue(self.stage_audit.exists())
        self.assertEqual(len(leads.exists()), 2, "nothing is lost")

    def test_stage_with_only_lost_opportunities_is_kept(self):
        self._create_opportunity(stage_id=self.stage_audit.id).action_set_lost()
        self.assertIn(
            "Safety audit: 0 active and 1 archived", self._refusal(self.stage_audit)
        )
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
        self.assertIn(
            "Safety audit: 1 active and 1 archived", self._refusal(self.stage_audit)
        )

    def test_batch_deletion_reports_every_blocking_stage(self):
        stage_empty = self.env["crm.stage"].create({"name": "Empty"})
        self._create_opportunity(stage_id=self.stage_audit.id)
        self._create_opportunity(stage_id=self.stage_quote.id).action_set_lost()
        message = self._refusal(self.stage_audit + self.stage_quote + stage_empty)
        self.assertIn("Safety audit: 1 active and 0 archived", message)
        self.assertIn("Quote Sent: 0 active and 1 archived", message)
        self.assertNotIn("Empty", message)
        self.assertTrue(stage_empty.exists(), "the batch is refused as a whole")

    def test_refusal_message_in_french(self):
        ensure_french(self.env)
        self._create_opportunity(stage_id=self.stage_audit.id).action_set_lost()
        with self.assertRaises(RedirectWarning) as error:
            self.stage_audit.with_context(lang="fr_FR").unlink()
        message, _action, button, _context = error.exception.args
        self.assertIn("0 active(s) et 1 archivée(s)", message)
        self.assertEqual(button, "Déplacer les opportunités et supprimer")


@tagged("post_install", "-at_install", "crm_stage_deletion_guard")
class TestCrmStageMoveAndDelete(StageDeletionCase):
    def _wizard(self, stages, target, companies=None):
        companies = companies or self.company_main + self.company_2
        return (
            self.env["crm.stage.delete"]
            .with_user(self.user_sales_manager)
            .with_context(
                active_model="crm.stage",
                active_ids=stages.ids,
                allowed_company_ids=companies.ids,
            )
            .create({"target_stage_id": target.id})
        )

    def test_move_every_opportunity_then_delete(self):
        stage_audit = self.stage_audit
        active = self._create_opportunity(stage_id=stage_audit.id)
        lost = self._create_opportunity(stage_id=stage_audit.id)
        lost.action_set_lost()
        hidden = self._create_opportunity(
            stage_id=stage_audit.id,
            team_id=self.team_c2.id,
            company_id=self.company_2.id,
            user_id=False,
        )
        wizard = self._wizard(stage_audit, self.stage_visit)
        self.assertEqual(wizard.stage_ids, stage_audit)
        self.assertEqual((wizard.active_lead_count, wizard.archived_lead_count), (2, 1))
        wizard.action_move_and_delete()
        self.assertFalse(stage_audit.exists())
        self.assertEqual((active + lost + hidden).mapped("stage_id"), self.stage_visit)
        self.assertFalse(lost.active, "a lost opportunity stays lost")

    def test_refusal_offers_the_wizard_for_the_refused_stages(self):
        stage_audit = self.env["crm.stage"].create({"name": "Safety audit"})
        self._create_opportunity(stage_id=stage_audit.id)
        with self.assertRaises(RedirectWarning) as error:
            stage_audit.unlink()
        context = error.exception.args[3]
        wizard = (
            self.env["crm.stage.delete"]
            .with_context(**context)
            .create({"target_stage_id": self.stage_new.id})
        )
        self.assertEqual(wizard.stage_ids, stage_audit)

    def test_target_cannot_be_a_deleted_stage(self):
        stage_audit = self.env["crm.stage"].create({"name": "Safety audit"})
        self._create_opportunity(stage_id=stage_audit.id)
        with self.assertRaisesRegex(UserError, "not being deleted"):
            self._wizard(stage_audit, stage_audit).action_move_and_delete()
        self.assertTrue(stage_audit.exists())

    def test_sales_reps_cannot_use_it(self):
        with self.assertRaises(AccessError):
            self.env["crm.stage.delete"].with_user(self.user_sales_salesman).create(
                {
                    "stage_ids": self.stage_audit.ids,
                    "target_stage_id": self.stage_new.id,
                }
            )

    def test_a_manager_of_one_company_cannot_move_another_company_leads(self):
        mine = self._create_opportunity(stage_id=self.stage_audit.id)
        other_company = self._create_opportunity(
            stage_id=self.stage_audit.id,
            team_id=self.team_c2.id,
            company_id=self.company_2.id,
            user_id=False,
        )
        wizard = self._wizard(self.stage_audit, self.stage_visit, self.company_main)
        with self.assertRaisesRegex(UserError, "1 leads or opportunities .* cannot"):
            wizard.action_move_and_delete()
        self.assertEqual((mine + other_company).stage_id, self.stage_audit)
        self.assertTrue(self.stage_audit.exists())

    def test_a_manager_may_not_move_leads_he_may_not_write(self):
        mine = self._create_opportunity(stage_id=self.stage_audit.id)
        protected = self._create_opportunity(
            stage_id=self.stage_audit.id, name="Protected: framework contract"
        )
        self.env["ir.rule"].create(
            {
                "name": "Framework contracts are written by their owner only",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "domain_force": "[('name', 'not ilike', 'Protected')]",
                "perm_read": False,
                "perm_create": False,
                "perm_unlink": False,
            }
        )
        with self.assertRaises(AccessError):
            self._wizard(self.stage_audit, self.stage_visit).action_move_and_delete()
        self.assertEqual((mine + protected).stage_id, self.stage_audit)
        self.assertTrue(self.stage_audit.exists())

    def test_bad_input_gets_a_clear_message(self):
        self._create_opportunity(stage_id=self.stage_audit.id)
        wizard = self._wizard(self.stage_audit, self.stage_visit)
        wizard.target_stage_id = False
        with self.assertRaisesRegex(UserError, "Choose the stage that receives"):
            wizard.action_move_and_delete()
        wizard.stage_ids = False
        with self.assertRaisesRegex(UserError, "at least one stage to delete"):
            wizard.action_move_and_delete()
        gone = self.env["crm.stage"].create({"name": "Gone"})
        gone.unlink()
        for values in (
            {"stage_ids": self.stage_audit.ids, "target_stage_id": gone.id},
            {
                "stage_ids": [Command.set(gone.ids)],
                "target_stage_id": self.stage_new.id,
            },
        ):
            with self.assertRaisesRegex(UserError, "no longer exists"):
                self.env["crm.stage.delete"].create(values)
        self.assertTrue(self.stage_audit.exists())

    def test_target_of_another_team_is_refused(self):
        self._create_opportunity(stage_id=self.stage_audit.id)
        team_stage = self.env["crm.stage"].create(
            {"name": "Quote (other team)", "team_id": self.team_mc.id}
        )
        with self.assertRaisesRegex(UserError, "belongs to the sales team"):
            self._wizard(self.stage_audit, team_stage).action_move_and_delete()
        self.assertTrue(self.stage_audit.exists())

    def test_a_stage_gone_since_the_wizard_was_opened_gets_a_clear_message(self):
        gone = self.env["crm.stage"].create({"name": "Gone"})
        gone.unlink()
        Wizard = self.env["crm.stage.delete"].with_context(
            active_model="crm.stage", active_ids=gone.ids
        )
        with self.assertRaisesRegex(UserError, "no longer exists"):
            Wizard.default_get(["stage_ids"])
        wizard = self._wizard(self.stage_audit, self.stage_visit)
        with self.assertRaisesRegex(UserError, "no longer exists"):
            wizard.target_stage_id = gone.id
        self.assertTrue(self.stage_audit.exists())
