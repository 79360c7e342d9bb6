from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..hooks import post_init_hook, uninstall_hook
from .common import StageGateCase, ensure_french


@tagged("post_install", "-at_install", "crm_stage_gate")
class TestStageGateRequirements(StageGateCase):
    """What a stage may require, who sets it, and how it reads."""

    def test_blank_notes_are_missing(self):
        self.stage_quote.gate_field_ids = self._lead_fields("description")
        self.opportunity.description = "<p><br></p>"
        self._assert_enters(self.opportunity, self.stage_quote, False)
        self.opportunity.description = "<p>Three floors, 40 detectors</p>"
        self._assert_enters(self.opportunity, self.stage_quote, True)

    def test_a_condition_no_addon_knows_is_never_met(self):
        self.assertFalse(self.opportunity._meeting_condition("unknown"))

    # Configuration

    def test_stage_offers_the_fields_a_rep_fills_by_their_label(self):
        stage = self.stage_quote.with_user(self.user_sales_manager)
        offered = (
            self.env["ir.model.fields"]
            .with_user(self.user_sales_manager)
            .with_context(hide_model=True)
            .name_search(
                "", domain=[("id", "in", stage.gate_field_option_ids.ids)], limit=None
            )
        )
        labels = {label for _id, label in offered}
        self.assertLessEqual(
            {"Expected Revenue", "Contact", "Street", "Expected Closing", "Tags"},
            labels,
        )
        self.assertFalse(
            {
                "Stage",
                "Probability",
                "Active",
                "Opportunity",
                "Created on",
                "Lost Reason",
            }
            & labels
        )

    def test_stage_refuses_a_field_a_rep_does_not_fill(self):
        with self.assertRaisesRegex(
            ValidationError, "The stage Proposal cannot require Probability"
        ):
            self.stage_quote.gate_field_ids = self._lead_fields("probability")

    def test_summary_in_the_column_tooltip_speaks_the_users_language(self):
        ensure_french(self.env)
        self.stage_quote.gate_field_ids = self._lead_fields(
            "expected_revenue", "partner_id"
        )
        stage = self.stage_quote.with_env(self.salesman_env)
        self.assertEqual(stage.gate_summary, "Contact and Expected Revenue")
        self.assertEqual(
            stage.with_context(lang="fr_FR").gate_summary, "Contact et Revenu attendu"
        )
        self.assertFalse(self.stage_new.gate_summary)

    def test_reinstallation_gives_back_what_stages_required(self):
        self.stage_survey.gate_field_ids = self._lead_fields("partner_id")
        uninstall_hook(self.env)
        # the table goes away with the addon
        (self.stage_quote | self.stage_survey).gate_field_ids = [Command.clear()]
        post_init_hook(self.env)
        self.assertEqual(
            self.stage_quote.gate_summary, "Expected Closing and Expected Revenue"
        )
        self.assertEqual(self.stage_survey.gate_summary, "Contact")
        self.assertFalse(
            self.env["ir.config_parameter"].get_param(
                "crm_stage_gate.kept_at_uninstall"
            )
        )

    # Security

    def test_sales_administrator_sets_requirements_in_the_stage_form(self):
        stage = self.stage_quote.with_user(self.user_sales_manager)
        stage.gate_field_ids = self._lead_fields("expected_revenue")
        [values] = stage.web_read(
            {
                "gate_field_ids": {
                    "fields": {"display_name": {}},
                    "context": {"hide_model": True},
                },
            }
        )
        self.assertEqual(
            [tag["display_name"] for tag in values["gate_field_ids"]],
            ["Expected Revenue"],
        )

    def test_salesman_reads_requirements_but_cannot_set_them(self):
        stage = self.stage_quote.with_user(self.user_sales_salesman)
        self.assertEqual(stage.gate_summary, "Expected Closing and Expected Revenue")
        with self.assertRaises(AccessError):
            stage.gate_field_ids = self._lead_fields("expected_revenue")
