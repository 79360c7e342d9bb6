from odoo.exceptions import AccessError, RedirectWarning
from odoo.tests import tagged

from odoo.addons.crm_stage_gate.tests.common import StageGateCase, ensure_french

from ..hooks import post_init_hook, uninstall_hook


@tagged("post_install", "-at_install", "crm_stage_gate_sale")
class TestStageGateQuote(StageGateCase):
    """A stage may require a quotation of the opportunity, not cancelled:
    created, sent (or confirmed), or confirmed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_quote.gate_field_ids = False
        if "base.automation" in cls.env:
            # quotations here meet requirements: automation rules moving
            # opportunities on quotations would move these ones elsewhere
            cls.env["base.automation"].search([]).active = False

    def _quote(self, state="draft"):
        order = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "opportunity_id": self.opportunity.id}
        )
        order.state = state
        return order

    def test_quote_created_is_any_quotation_not_cancelled(self):
        self.stage_quote.gate_quote = "created"
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

    def test_a_colleagues_quote_counts(self):
        self.stage_quote.gate_quote = "created"
        order = self._quote()
        order.user_id = self.user_sales_manager
        self.assertFalse(
            order.with_user(self.user_sales_salesman)._filtered_access("read")
        )
        self._assert_enters(self.opportunity, self.stage_quote, True)

    def test_mark_as_won_meets_the_won_stage_requirements(self):
        self.stage_won.gate_quote = "confirmed"
        with self.assertRaisesRegex(
            RedirectWarning,
            f"cannot enter the stage {self.stage_won.name} yet: it still needs a "
            "confirmed quote",
        ):
            self._as_salesman(self.opportunity).action_set_won()
        self._quote(state="sale")
        self._as_salesman(self.opportunity).action_set_won()
        self.assertEqual(self.opportunity.stage_id, self.stage_won)

    def test_summary_names_the_quote_after_the_fields(self):
        ensure_french(self.env, ("crm", "crm_stage_gate", "crm_stage_gate_sale"))
        self.stage_quote.write(
            {
                "gate_field_ids": self._lead_fields("expected_revenue"),
                "gate_quote": "sent",
            }
        )
        stage = self.stage_quote.with_env(self.salesman_env)
        self.assertEqual(stage.gate_summary, "Expected Revenue and a quote sent")
        self.assertEqual(
            stage.with_context(lang="fr_FR").gate_summary,
            "Revenu attendu et un devis envoyé",
        )

    def test_reinstallation_gives_back_the_quote_required(self):
        self.stage_quote.gate_quote = "sent"
        uninstall_hook(self.env)
        # the column goes away with the addon
        self.stage_quote.gate_quote = False
        self.assertFalse(self.stage_quote.is_gated)
        post_init_hook(self.env)
        self.assertEqual(self.stage_quote.gate_summary, "a quote sent")
        self.assertTrue(self.stage_quote.is_gated)

    def test_salesman_reads_the_quote_required_but_cannot_set_it(self):
        self.stage_quote.gate_quote = "sent"
        stage = self.stage_quote.with_user(self.user_sales_salesman)
        self.assertEqual(stage.gate_summary, "a quote sent")
        with self.assertRaises(AccessError):
            stage.gate_quote = False
