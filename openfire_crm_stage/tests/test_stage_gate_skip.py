from odoo import Command
from odoo.exceptions import RedirectWarning
from odoo.tests import new_test_user, tagged

from .test_stage_gates import StageGateCase

SKIPPING = {"skip_stage_gates": True}


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_gates")
class TestStageGateSkip(StageGateCase):
    """Only a real user with Settings rights skips the requirements, never
    because of sudo: an automation rule runs under sudo for whoever triggers it."""

    def test_salesman_skip_through_an_update_record_rule_is_refused(self):
        self.env["base.automation"].create(
            {
                "name": "Very high priority: straight to Quote",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "trigger": "on_create_or_write",
                "filter_domain": "[('priority', '=', '3')]",
                "action_server_ids": [
                    Command.create(
                        {
                            "name": "Stage: Quote",
                            "model_id": self.env["ir.model"]._get_id("crm.lead"),
                            "state": "object_write",
                            "update_path": "stage_id",
                            "evaluation_type": "equation",
                            "value": str(self.stage_quote.id),
                        }
                    )
                ],
            }
        )
        rep = self._as_salesman(self.opportunity).with_context(**SKIPPING)
        with self.assertRaises(RedirectWarning):
            rep.priority = "3"
        self.opportunity.invalidate_recordset()
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
        self._complete(self.opportunity)
        rep.priority = "3"
        self.assertEqual(self.opportunity.stage_id, self.stage_quote, "the rule works")

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
