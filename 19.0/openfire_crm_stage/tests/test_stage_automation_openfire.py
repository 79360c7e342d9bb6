from odoo import Command
from odoo.tests import Form, HttpCase, tagged

from .common import OpenfireStageCase


class StageAutomationCase(OpenfireStageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit_type = cls.env.ref(
            "openfire_crm_stage.mail_activity_type_technical_visit"
        )
        cls.rule_estimate = cls.env.ref(
            "openfire_crm_stage.automation_estimate_to_estimation"
        )
        cls.rule_visit = cls.env.ref(
            "openfire_crm_stage.automation_visit_to_technical_visit"
        )
        cls.rule_quote = cls.env.ref("openfire_crm_stage.automation_quote_to_quote")
        cls.rule_quote_sent = cls.env.ref(
            "openfire_crm_stage.automation_quote_sent_to_quote"
        )
        cls.customer.email = "sdis35@example.com"
        cls.opportunity = cls._create_opportunity()
        # saved in an earlier request: Odoo tracks no change of a record created
        # in the same transaction
        cls.env.cr.flush()

    def _flush(self):
        """What Odoo's own automation tests do before reading the result."""
        self.env.flush_all()

    def _new_order(self, opportunity=None, costing_type="quote", **values):
        opportunity = opportunity or self.opportunity
        # the opportunity's New Quotation button, for a user who may not read it too
        context = (
            opportunity.sudo()
            .with_context(default_costing_type=costing_type)
            ._prepare_opportunity_quotation_context()
        )
        order = (
            self.env["sale.order"]
            .with_context(**context)
            .create(
                {
                    "order_line": [
                        Command.create(
                            {
                                "name": "Fire alarm control panel",
                                "product_uom_qty": 1,
                                "price_unit": 4200,
                            }
                        )
                    ],
                    **values,
                }
            )
        )
        self._flush()
        return order

    def _explanations(self, opportunity):
        """Chatter notes explaining an automated move."""
        self.env.flush_all()
        opportunity.invalidate_recordset(["message_ids"])
        return opportunity.message_ids.filtered(
            lambda message: "by the automation rule" in (message.body or "")
        )

    def _last_explanation(self, opportunity):
        return self._explanations(opportunity)[:1].body or ""


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_automation")
class TestStageAutomation(StageAutomationCase):
    def test_estimate_moves_a_new_opportunity_to_estimate(self):
        order = self._new_order(costing_type="estimate")
        self.assertEqual(order.costing_type, "estimate")
        self.assertEqual(self.opportunity.stage_id, self.stage_estimate)
        self.assertEqual(self.opportunity.probability, 30)
        explanation = self._last_explanation(self.opportunity)
        self.assertIn("Estimate generated: opportunity to Estimate", explanation)
        self.assertIn(order.name, explanation)

    def test_new_estimate_button_prepares_an_estimate(self):
        action = self.opportunity.action_sale_estimate_new()
        form = Form(self.env["sale.order"].with_context(**action["context"]))
        self.assertEqual(form.costing_type, "estimate")
        self.assertEqual(form.opportunity_id, self.opportunity)

    def test_new_estimate_button_without_customer_keeps_estimate(self):
        self.opportunity.partner_id = False
        action = self.opportunity.action_sale_estimate_new()
        self.assertEqual(action["res_model"], "crm.quotation.partner")
        wizard = (
            self.env["crm.quotation.partner"]
            .with_context(
                active_model="crm.lead",
                active_id=self.opportunity.id,
                **action["context"],
            )
            .create({"action": "create"})
        )
        self.assertEqual(
            wizard.action_apply()["context"]["default_costing_type"], "estimate"
        )

    def test_quotation_is_a_quote_by_default(self):
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        self.assertEqual(order.costing_type, "quote")

    def test_technical_visit_activity_moves_to_technical_visit(self):
        activity = self.opportunity.activity_schedule(
            activity_type_id=self.visit_type.id, summary="Visit of the boiler room"
        )
        self._flush()
        self.assertEqual(self.opportunity.stage_id, self.stage_visit)
        self.assertEqual(self.opportunity.probability, 50)
        self.assertIn(activity.display_name, self._last_explanation(self.opportunity))

    def test_visit_scheduled_and_marked_done_at_once_moves(self):
        """The rep records a visit already made: Schedule Activity, Mark as Done."""
        wizard = (
            self.env["mail.activity.schedule"]
            .with_context(active_model="crm.lead", active_ids=self.opportunity.ids)
            .create({"activity_type_id": self.visit_type.id, "summary": "Boiler room"})
        )
        wizard.action_schedule_activities_done()
        self._flush()
        self.assertFalse(self.opportunity.activity_ids, "the visit is done")
        self.assertEqual(self.opportunity.stage_id, self.stage_visit)
        self.assertIn("Boiler room", self._last_explanation(self.opportunity))

    def test_plain_meeting_is_not_a_technical_visit(self):
        self.env["calendar.event"].with_context(
            default_res_model="crm.lead", default_res_id=self.opportunity.id
        ).create(
            {
                "name": "Lunch with the customer",
                "opportunity_id": self.opportunity.id,
                "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "res_id": self.opportunity.id,
            }
        )
        self._flush()
        self.assertTrue(self.opportunity.activity_ids, "the meeting is an activity")
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_quote_created_moves_to_quote(self):
        order = self._new_order()
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertEqual(self.opportunity.probability, 80)
        self.assertIn(order.name, self._last_explanation(self.opportunity))

    def test_estimate_sent_by_email_stays_an_estimate(self):
        order = self._new_order(costing_type="estimate")
        order.with_context(mark_so_as_sent=True).message_post(
            body="Your estimate",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self._flush()
        self.assertEqual(order.state, "sent")
        self.assertEqual(self.opportunity.stage_id, self.stage_estimate)
        self.assertEqual(len(self._explanations(self.opportunity)), 1)

    def test_quote_sent_by_email_without_the_pdf_moves_to_quote(self):
        self.rule_quote.active = False
        order = self._new_order()
        order.with_context(mark_so_as_sent=True).message_post(
            body="Your quote", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self._flush()
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertIn(
            "Quote sent by email: opportunity to Quote",
            self._last_explanation(self.opportunity),
        )

    def test_rules_never_move_backwards(self):
        self.opportunity.stage_id = self.stage_quote
        self._new_order(costing_type="estimate")
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertFalse(self._last_explanation(self.opportunity))

    def test_repeated_events_give_one_move_and_one_explanation(self):
        self._new_order()
        self._new_order()
        self._new_order(costing_type="estimate")
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertEqual(len(self._explanations(self.opportunity)), 1)


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_automation")
class TestQuoteSentByEmail(StageAutomationCase, HttpCase):
    """The quote PDF is rendered for real by wkhtmltopdf, which loads the report's
    assets from the running server: HttpCase lets that server see the test data."""

    def test_quote_sent_by_email_moves_to_quote(self):
        self.rule_quote.active = False
        self.opportunity.stage_id = self.stage_visit
        order = self._new_order()
        self.assertEqual(self.opportunity.stage_id, self.stage_visit)
        action = order.action_quotation_send()
        composer = Form(
            self.env["mail.compose.message"].with_context(
                force_report_rendering=True, **action["context"]
            )
        ).save()
        composer.action_send_mail()
        self._flush()
        self.assertEqual(order.state, "sent")
        sent = order.message_ids.filtered(lambda message: message.attachment_ids)[:1]
        self.assertIn(order.name, sent.subject)
        self.assertIn(self.customer, sent.partner_ids)
        pdf = sent.attachment_ids.filtered(lambda a: a.mimetype == "application/pdf")
        self.assertTrue(pdf.raw.startswith(b"%PDF"), "a real quote PDF is attached")
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertIn(
            "Quote sent by email: opportunity to Quote",
            self._last_explanation(self.opportunity),
        )
