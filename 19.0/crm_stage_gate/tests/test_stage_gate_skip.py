from odoo.exceptions import RedirectWarning
from odoo.tests import new_test_user, tagged

from .common import StageGateCase

SKIPPING = {"skip_stage_gates": True}


@tagged("post_install", "-at_install", "crm_stage_gate")
class TestStageGateSkip(StageGateCase):
    """Only a real user with Settings rights skips the requirements, never
    because of sudo: an automation rule runs under sudo for whoever triggers it."""

    def test_salesman_skip_through_an_action_run_as_superuser_is_refused(self):
        # as an automation rule runs its actions for whoever triggers it
        action = self.env["ir.actions.server"].create(
            {
                "name": "Stage: Proposal",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "state": "object_write",
                "update_path": "stage_id",
                "evaluation_type": "equation",
                "value": str(self.stage_quote.id),
            }
        )
        run = (
            action.with_user(self.user_sales_salesman)
            .sudo()
            .with_context(
                active_model="crm.lead",
                active_id=self.opportunity.id,
                active_ids=self.opportunity.ids,
                **SKIPPING,
            )
            .run
        )
        with self.assertRaises(RedirectWarning):
            run()
        self.opportunity.invalidate_recordset()
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
        self._complete(self.opportunity)
        run()
        self.assertEqual(self.opportunity.stage_id, self.stage_quote, "it works")

    def test_access_rights_administrator_is_checked(self):
        access_admin = new_test_user(
            self.env,
            login="access_admin",
            groups="sales_team.group_sale_salesman_all_leads,base.group_erp_manager",
        )
        with self.assertRaises(RedirectWarning):
            self.opportunity.with_user(access_admin).with_context(
                **SKIPPING
            ).stage_id = self.stage_quote

    def test_settings_user_skips_them_and_sudo_does_not(self):
        with self.assertRaises(RedirectWarning):
            self._as_salesman(self.opportunity).sudo().with_context(
                **SKIPPING
            ).stage_id = self.stage_quote
        settings_user = new_test_user(
            self.env,
            login="settings_user",
            groups="sales_team.group_sale_salesman_all_leads,base.group_system",
        )
        self.opportunity.with_user(settings_user).with_context(
            **SKIPPING
        ).stage_id = self.stage_quote
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
