from odoo import Command
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import OpenfireStageCase

LEAD_LOGGER = "odoo.addons.openfire_crm_stage.models.crm_lead_automated_move"
ACTION_LOGGER = "odoo.addons.openfire_crm_stage.models.ir_actions_server"


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
        """Chatter notes explaining an automated move; Odoo writes its tracking
        messages at the end of the transaction."""
        self.env.cr.flush()
        opportunity.invalidate_recordset(["message_ids"])
        return opportunity.message_ids.filtered(
            lambda message: (
                message.body
                and "stage_id" in message.tracking_value_ids.field_id.mapped("name")
            )
        )

    def _last_explanation(self, opportunity):
        return self._explanations(opportunity)[:1].body or ""


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_automation")
class TestStageAutomation(StageAutomationCase):
    # The rules

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

    def test_explanation_in_the_user_language(self):
        self._ensure_french()
        self.env = self.env(context=dict(self.env.context, lang="fr_FR"))
        self._new_order()
        self.assertIn(
            "par la règle d'automatisation", self._last_explanation(self.opportunity)
        )

    # The guards

    def test_rules_never_move_backwards(self):
        self.opportunity.stage_id = self.stage_quote
        self._new_order(costing_type="estimate")
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertFalse(self._last_explanation(self.opportunity))

    def test_rules_never_touch_won_opportunities(self):
        self.opportunity.action_set_won()
        self._new_order(costing_type="estimate")
        self.assertEqual(self.opportunity.stage_id, self.stage_won)
        self.assertEqual(self.opportunity.probability, 100)

    def test_rules_never_touch_lost_opportunities(self):
        self.opportunity.action_set_lost()
        self._new_order()
        self.assertFalse(self.opportunity.active)
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
        self.assertEqual(self.opportunity.probability, 0)

    def test_renamed_stage_is_still_found(self):
        self.stage_quote.name = "Commercial proposal"
        self._new_order()
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)

    def test_rule_left_without_target_stage_is_skipped_with_a_log(self):
        self.rule_quote.action_server_ids.crm_stage_id = False
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            order = self._new_order()
        self.assertIn("target stage was deleted", logs.output[0])
        self.assertTrue(order.exists(), "the quote goes through")
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_rule_on_a_record_without_opportunity_is_skipped_with_a_log(self):
        self.env["base.automation"].create(
            {
                "name": "New contact: to Quote",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "trigger": "on_create",
                "action_server_ids": [
                    Command.create(
                        {
                            "name": "Move forward to Quote",
                            "model_id": self.env["ir.model"]._get_id("res.partner"),
                            "state": "crm_stage",
                            "crm_stage_id": self.stage_quote.id,
                        }
                    )
                ],
            }
        )
        with self.assertLogs(ACTION_LOGGER, "WARNING") as logs:
            partner = self.env["res.partner"].create({"name": "Brest fire brigade"})
        self.assertIn("res.partner has no opportunity", logs.output[0])
        self.assertTrue(partner.exists())

    def test_team_stage_is_only_used_by_its_team(self):
        stage_team_quote = self.env["crm.stage"].create(
            {
                "name": "Quote (team 1)",
                "sequence": 4,
                "probability": 75,
                "on_change": True,
                "team_id": self.sales_team_1.id,
            }
        )
        self.rule_quote.action_server_ids.crm_stage_id = stage_team_quote
        other_team = self._create_opportunity(team_id=self.team_mc.id)
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            self._new_order(opportunity=other_team)
        self.assertIn("not used by their company or sales team", logs.output[0])
        self.assertEqual(other_team.stage_id, self.stage_new)
        self._new_order()
        self.assertEqual(self.opportunity.stage_id, stage_team_quote)
        self.assertEqual(self.opportunity.probability, 75)

    def test_stage_of_another_company_is_skipped_and_the_quote_goes_through(self):
        """With stages given a company (OCA's crm_stage_multi_company), a move
        toward a stage another company uses is skipped, not refused."""
        if "company_id" not in self.env["crm.stage"]._fields:
            self.skipTest("stages have no company without crm_stage_multi_company")
        self.stage_quote.company_id = self.company_main
        opportunity = self._create_opportunity(
            team_id=self.team_c2.id, company_id=self.company_2.id, user_id=False
        )
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            order = self._new_order(
                opportunity=opportunity, company_id=self.company_2.id
            )
        self.assertIn("not used by their company or sales team", logs.output[0])
        self.assertTrue(order.exists())
        self.assertEqual(opportunity.stage_id, self.stage_new)

    def test_stage_of_other_teams_is_skipped_whichever_module_restricts_it(self):
        """OCA's crm_stage_multi_team gives stages several teams (team_ids)."""
        if "team_ids" not in self.env["crm.stage"]._fields:
            self.skipTest("stages have one team without crm_stage_multi_team")
        self.env = self.env(
            context=dict(self.env.context, test_crm_stage_multi_team=True)
        )
        self.stage_quote.team_ids = self.team_c2
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            self._new_order(opportunity=self.opportunity.with_env(self.env))
        self.assertIn("not used by their company or sales team", logs.output[0])
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_deactivated_rule_stops(self):
        self.rule_quote.active = False
        self._new_order()
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_rule_with_another_action_runs_both(self):
        self.rule_quote.action_server_ids = [
            Command.create(
                {
                    "name": "Reference the quote",
                    "model_id": self.env["ir.model"]._get_id("sale.order"),
                    "state": "code",
                    "code": "records.write({'client_order_ref': 'SDIS-35'})",
                }
            )
        ]
        order = self._new_order()
        self.assertEqual(order.client_order_ref, "SDIS-35")
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)

    def test_rule_restricted_to_other_groups_is_skipped(self):
        self.rule_quote.action_server_ids.groups_id = self.env.ref("base.group_system")
        self.env = self.env(user=self.user_sales_salesman)
        with self.assertLogs(ACTION_LOGGER, "WARNING") as logs:
            order = self._new_order(opportunity=self.opportunity.with_env(self.env))
        self.assertIn("restricted to other user groups", logs.output[0])
        self.assertTrue(order.exists(), "the quote goes through")
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_restricted_rule_on_the_opportunity_is_skipped_the_same_way(self):
        rule = self._rule_on_priority()
        rule.action_server_ids.groups_id = self.env.ref("base.group_system")
        opportunity = self.opportunity.with_user(self.user_sales_salesman)
        with self.assertLogs(ACTION_LOGGER, "WARNING") as logs:
            opportunity.priority = "3"
            self._flush()
        self.assertIn("restricted to other user groups", logs.output[0])
        self.assertEqual(opportunity.priority, "3", "the edit goes through")
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    def test_opportunity_the_user_may_not_edit_is_left_alone(self):
        """A salesman who sees only his own documents quotes a colleague's
        opportunity (its id sent over RPC): the quote is saved, nothing moves."""
        own_documents = new_test_user(
            self.env,
            login="own_documents",
            groups="sales_team.group_sale_salesman",
        )
        self.assertFalse(
            self.opportunity.with_user(own_documents)._filtered_access("read")
        )
        self.env = self.env(user=own_documents)
        with self.assertLogs(LEAD_LOGGER, "WARNING") as logs:
            order = self._new_order(
                opportunity=self.opportunity.with_env(self.env),
                user_id=own_documents.id,
            )
        self.assertIn("may not edit them", logs.output[0])
        self.assertTrue(order.exists())
        self.assertEqual(self.opportunity.stage_id, self.stage_new)
        self.assertFalse(self._explanations(self.opportunity))

    def test_repeated_events_give_one_move_and_one_explanation(self):
        self._new_order()
        self._new_order()
        self._new_order(costing_type="estimate")
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertEqual(len(self._explanations(self.opportunity)), 1)

    def test_action_run_without_a_record_does_nothing(self):
        action = self.rule_quote.action_server_ids
        self.assertFalse(action.with_context(active_model="sale.order").run())
        self.assertEqual(self.opportunity.stage_id, self.stage_new)

    # Configuration

    def test_rules_are_plain_automation_rules(self):
        rules = (
            self.rule_estimate
            + self.rule_visit
            + self.rule_quote
            + self.rule_quote_sent
        )
        self.assertTrue(all(rules.mapped("active")))
        self.assertEqual(set(rules.action_server_ids.mapped("state")), {"crm_stage"})
        self.assertEqual(self.rule_quote_sent.trigger, "on_message_sent")
        self.assertEqual(
            self.rule_quote.action_server_ids.name,
            "Move the opportunity forward to Quote",
        )

    def _rule_on_priority(self):
        """A consultant's rule on the opportunity itself: very high priority goes
        straight to Quote."""
        return self.env["base.automation"].create(
            {
                "name": "Very high priority: straight to Quote",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "trigger": "on_priority_set",
                "trigger_field_ids": [
                    Command.set(
                        [self.env["ir.model.fields"]._get("crm.lead", "priority").id]
                    )
                ],
                "trg_selection_field_id": self.env["ir.model.fields.selection"]
                .search(
                    [
                        ("field_id.model", "=", "crm.lead"),
                        ("field_id.name", "=", "priority"),
                        ("value", "=", "3"),
                    ]
                )
                .id,
                "action_server_ids": [
                    Command.create(
                        {
                            "name": "Move forward to Quote",
                            "model_id": self.env["ir.model"]._get_id("crm.lead"),
                            "state": "crm_stage",
                            "crm_stage_id": self.stage_quote.id,
                        }
                    )
                ],
            }
        )

    def test_consultant_builds_a_rule_on_the_opportunity_itself(self):
        rule = self._rule_on_priority()
        self.opportunity.priority = "3"
        self._flush()
        self.assertEqual(self.opportunity.stage_id, self.stage_quote)
        self.assertIn(rule.name, self._last_explanation(self.opportunity))

    def test_lead_is_not_moved_by_a_rule_on_opportunities(self):
        self._rule_on_priority()
        lead = self._create_opportunity(type="lead")
        lead.priority = "3"
        self._flush()
        self.assertEqual(lead.stage_id, self.stage_new)

    def test_stage_form_lists_the_consultants_other_rules_leading_to_it(self):
        rule = self._rule_on_priority()
        self.assertEqual(self.stage_quote.other_automation_ids, rule)
        self.assertFalse(self.stage_visit.other_automation_ids, "its own are lines")


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
