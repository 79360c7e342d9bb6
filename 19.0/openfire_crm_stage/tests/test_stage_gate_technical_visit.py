from odoo import Command, fields
from odoo.exceptions import AccessError, RedirectWarning
from odoo.tests import tagged

from ..hooks import post_init_hook, uninstall_hook
from .common import OpenfireStageCase


class OpenfireGateCase(OpenfireStageCase):
    """OpenFire's pipeline, its Quote stage requiring an expected revenue and a
    closing date (crm_stage_gate)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_quote.gate_field_ids = cls._lead_fields(
            "expected_revenue", "date_deadline"
        )
        cls.opportunity = cls._create_opportunity(stage_id=cls.stage_new.id)
        cls.salesman_env = cls.env(user=cls.user_sales_salesman)

    @classmethod
    def _lead_fields(cls, *names):
        return [
            Command.set(
                [cls.env["ir.model.fields"]._get("crm.lead", name).id for name in names]
            )
        ]

    def _complete(self, opportunity):
        opportunity.write(
            {"expected_revenue": 12000, "date_deadline": fields.Date.today()}
        )

    def _as_salesman(self, records):
        return records.with_env(self.salesman_env)

    def _assert_enters(self, opportunity, stage, enters):
        if enters:
            self._as_salesman(opportunity).stage_id = stage
            self.assertEqual(opportunity.stage_id, stage)
        else:
            with self.assertRaises(RedirectWarning):
                self._as_salesman(opportunity).stage_id = stage


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_gates")
class TestStageGateTechnicalVisit(OpenfireGateCase):
    """OpenFire's requirements: quotes of costing type Quote, a technical visit
    planned or done."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_quote.gate_field_ids = [Command.clear()]
        # documents here only meet requirements, they move nothing
        cls.env["base.automation"].search([]).active = False
        cls.visit_type = cls.env.ref(
            "openfire_crm_stage.mail_activity_type_technical_visit"
        )

    def test_quote_created_is_a_quote_not_an_estimate(self):
        self.stage_quote.gate_quote = "created"
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "opportunity_id": self.opportunity.id,
                "costing_type": "estimate",
            }
        )
        self._assert_enters(self.opportunity, self.stage_quote, False)
        order.costing_type = "quote"
        self._assert_enters(self.opportunity, self.stage_quote, True)

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
            "Contact, Expected Revenue, a quote sent, and a technical visit "
            "planned or done",
        )
        self.assertEqual(
            stage.with_context(lang="fr_FR").gate_summary,
            "Contact, Revenu attendu, un devis envoyé et une Visite Technique "
            "planifiée ou faite",
        )

    def test_reinstallation_gives_back_the_technical_visit_required(self):
        self.stage_visit.gate_technical_visit = True
        uninstall_hook(self.env)
        # the column goes away with the module
        self.stage_visit.gate_technical_visit = False
        post_init_hook(self.env)
        self.assertEqual(
            self.stage_visit.gate_summary, "a technical visit planned or done"
        )

    def test_salesman_cannot_require_a_technical_visit(self):
        with self.assertRaises(AccessError):
            self._as_salesman(self.stage_quote).gate_technical_visit = True
