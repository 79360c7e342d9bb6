from odoo import Command
from odoo.exceptions import AccessError, RedirectWarning, ValidationError
from odoo.tests import tagged

from ..hooks import post_init_hook, uninstall_hook
from .test_stage_gates import StageGateCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_gates")
class TestStageGateRequirements(StageGateCase):
    """What a stage may require, who sets it, and how each requirement is met."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_quote.gate_field_ids = [Command.clear()]
        # documents here only meet requirements, they move nothing
        cls.env["base.automation"].search([]).active = False
        cls.visit_type = cls.env.ref(
            "openfire_crm_stage.mail_activity_type_technical_visit"
        )

    def _assert_enters(self, opportunity, stage, enters):
        if enters:
            self._as_salesman(opportunity).stage_id = stage
            self.assertEqual(opportunity.stage_id, stage)
        else:
            with self.assertRaises(RedirectWarning):
                self._as_salesman(opportunity).stage_id = stage

    def _quote(self, state="draft", costing_type="quote"):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "opportunity_id": self.opportunity.id,
                "costing_type": costing_type,
            }
        )
        order.state = state
        return order

    # Conditions on documents

    def test_quote_created_is_a_quote_not_an_estimate_nor_cancelled(self):
        self.stage_quote.gate_quote = "created"
        self._quote(costing_type="estimate")
        self._quote(state="cancel")
        self._assert_enters(self.opportunity, self.stage_quote, False)
        self._quote()
        self._assert_enters(self.opportunity, self.stage_quote, True)

    def test_quote_sent_is_a_quote_sent_or_confirmed(self):
        self.stage_quote.gate_quote = "sent"
        order = self._quote()
        self._assert_enters(self.opportunity, self.stage_quote, False)
        order.state = "sale"
        self._assert_enters(self.opportunity, self.stage_quote, True)

    def test_quote_confirmed(self):
        self.stage_won.gate_quote = "confirmed"
        order = self._quote(state="sent")
        self._assert_enters(self.opportunity, self.stage_won, False)
        order.state = "sale"
        self._assert_enters(self.opportunity, self.stage_won, True)

    def test_technical_visit_planned_counts_another_activity_does_not(self):
        self.stage_quote.gate_technical_visit = True
        self.opportunity.activity_schedule("mail.mail_activity_data_call")
        self._assert_enters(self.opportunity, self.stage_quote, False)
        self.opportunity.activity_schedule(activity_type_id=self.visit_type.id)
        self._assert_enters(self.opportunity, self.stage_quote, True)

    def test_technical_visit_done_counts(self):
        self.stage_quote.gate_technical_visit = True
        self.opportunity.activity_schedule(
            activity_type_id=self.visit_type.id
        ).action_feedback("Smoke detectors checked")
        self.assertFalse(self.opportunity.activity_ids)
        self._assert_enters(self.opportunity, self.stage_quote, True)

    def test_technical_visit_cancelled_does_not_count(self):
        self.stage_quote.gate_technical_visit = True
        self.opportunity.activity_schedule(activity_type_id=self.visit_type.id).unlink()
        self._assert_enters(self.opportunity, self.stage_quote, False)

    def test_blank_notes_are_missing(self):
        self.stage_quote.gate_field_ids = self._lead_fields("description")
        self.opportunity.description = "<p><br></p>"
        self._assert_enters(self.opportunity, self.stage_quote, False)
        self.opportunity.description = "<p>Three floors, 40 detectors</p>"
        self._assert_enters(self.opportunity, self.stage_quote, True)

    # Configuration

    def test_stage_offers_the_fields_a_rep_fills_by_their_label(self):
        stage = self.stage_quote.with_user(self.user_sales_manager)
        offered = (
            self.env["ir.model.fields"]
            .with_user(self.user_sales_manager)
            .with_context(hide_model=True)
            .name_search(
                "", args=[("id", "in", stage.gate_field_option_ids.ids)], limit=None
            )
        )
        labels = {label for _id, label in offered}
        self.assertLessEqual(
            {"Expected Revenue", "Customer", "Street", "Expected Closing", "Tags"},
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
            ValidationError, "The stage Quote cannot require Probability"
        ):
            self.stage_quote.gate_field_ids = self._lead_fields("probability")

    def test_summary_in_the_column_tooltip_speaks_the_users_language(self):
        self._ensure_french()
        self.stage_quote.write(
            {
                "gate_field_ids": self._lead_fields("expected_revenue", "partner_id"),
                "gate_quote": "sent",
                "gate_technical_visit": True,
            }
        )
        stage = self.stage_quote.with_env(self.salesman_env)
        self.assertEqual(
            stage.gate_summary,
            "Customer, Expected Revenue, a quote sent, and a technical visit "
            "planned or done",
        )
        self.assertEqual(
            stage.with_context(lang="fr_FR").gate_summary,
            "Client, Revenu attendu, un devis envoyé et une Visite Technique "
            "planifiée ou faite",
        )
        self.assertFalse(self.stage_new.gate_summary)

    def test_reinstallation_gives_back_what_stages_required(self):
        self.stage_quote.write(
            {
                "gate_field_ids": self._lead_fields("expected_revenue"),
                "gate_quote": "sent",
            }
        )
        self.stage_visit.gate_technical_visit = True
        uninstall_hook(self.env)
        # the columns and the table go away with the module
        (self.stage_quote | self.stage_visit).write(
            {
                "gate_field_ids": [Command.clear()],
                "gate_quote": False,
                "gate_technical_visit": False,
            }
        )
        post_init_hook(self.env)
        self.assertEqual(
            self.stage_quote.gate_summary, "Expected Revenue and a quote sent"
        )
        self.assertEqual(
            self.stage_visit.gate_summary, "a technical visit planned or done"
        )

    # Security

    def test_sales_administrator_sets_requirements_in_the_stage_form(self):
        stage = self.stage_quote.with_user(self.user_sales_manager)
        stage.write(
            {
                "gate_field_ids": self._lead_fields("expected_revenue"),
                "gate_quote": "created",
            }
        )
        [values] = stage.web_read(
            {
                "gate_field_ids": {
                    "fields": {"display_name": {}},
                    "context": {"hide_model": True},
                },
                "gate_quote": {},
            }
        )
        self.assertEqual(
            [tag["display_name"] for tag in values["gate_field_ids"]],
            ["Expected Revenue"],
        )

    def test_salesman_reads_requirements_but_cannot_set_them(self):
        self.stage_quote.gate_quote = "sent"
        stage = self.stage_quote.with_user(self.user_sales_salesman)
        self.assertEqual(stage.gate_summary, "a quote sent")
        for values in (
            {"gate_quote": False},
            {"gate_technical_visit": True},
            {"gate_field_ids": self._lead_fields("expected_revenue")},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                stage.write(values)
