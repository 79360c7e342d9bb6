from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import StageLineCase


@tagged("post_install", "-at_install", "crm_stage_automation")
class TestStageAutomationInput(StageLineCase):
    """What a sales manager sends for a line, through the dialog or over RPC, is
    checked on the line itself: a refusal is a sentence, never a server error."""

    def _add_activity(self, **values):
        return self._add_line(
            self.stage_survey,
            action="activity",
            activity_type_id=self.call.id,
            **values,
        )

    def test_bad_input_is_refused_with_a_clear_message(self):
        line = self._add_activity()
        with self.assertRaises(ValidationError) as refusal:
            line.delay_days = 400
        self.assertIn("Site Survey must be due within 365 days", str(refusal.exception))
        with self.assertRaises(ValidationError) as refusal:
            self._add_line(self.stage_proposal, event="activity_planned")
        self.assertIn("needs its activity type", str(refusal.exception))
        with self.assertRaises(ValidationError):
            self._add_line(self.stage_proposal, action="activity", event="email_sent")

    def test_a_delay_out_of_range_is_refused_before_the_database(self):
        line = self._add_activity(delay_days=365)
        for days in (2**31, -1, 366):
            with self.subTest(days=days), self.assertNoLogs(level="ERROR"):
                with self.assertRaisesRegex(ValidationError, "within 365 days"):
                    self._add_activity(delay_days=days)
                with self.assertRaisesRegex(ValidationError, "within 365 days"):
                    line.delay_days = days
        self.assertEqual(line.delay_days, 365)

    def test_an_event_outside_the_catalogue_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "'cake_baked' as its Event"):
            self._add_line(self.stage_won, event="cake_baked")
        line = self._add_line(self.stage_won, event="email_received")
        with self.assertRaisesRegex(ValidationError, "choose one from the list"):
            line.event = "cake_baked"
        with self.assertRaisesRegex(ValidationError, "choose one from the list"):
            line.action = "dance"
        self.assertEqual((line.event, line.action), ("email_received", "move"))

    def test_a_manager_duplicates_a_line_on_a_rule_of_its_own(self):
        line = self._add_activity(delay_days=3)
        copy = line.copy()
        self.assertEqual(
            (copy.stage_id, copy.activity_type_id, copy.delay_days),
            (self.stage_survey, self.call, 3),
        )
        self.assertTrue(copy.rule_id)
        self.assertNotEqual(copy.rule_id, line.rule_id)
        self.assertTrue(copy.enabled)
        self.assertFalse(copy.is_custom)

    # The assignee and the activity type

    def test_the_assignee_is_an_active_internal_user(self):
        portal = new_test_user(
            self.env, login="sdis35_portal", groups="base.group_portal"
        )
        archived = new_test_user(
            self.env, login="former_rep", groups="sales_team.group_sale_salesman"
        )
        archived.active = False
        for user in (portal, archived):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(ValidationError, "active internal user"),
            ):
                self._add_activity(assignee="user", user_id=user.id)
        line = self._add_activity(assignee="user", user_id=self.user_sales_leads.id)
        with self.assertRaises(ValidationError) as refusal:  # rolled back
            line.user_id = portal
        self.assertIn("choose an active internal user", str(refusal.exception))
        self.assertEqual(line.user_id, self.user_sales_leads)

    def test_the_activity_type_is_one_for_opportunities(self):
        quotation_type = self.env["mail.activity.type"].create(
            {"name": "Check the contact", "res_model": "res.partner"}
        )
        with self.assertRaisesRegex(ValidationError, "not for opportunities"):
            self._add_line(
                self.stage_survey,
                action="activity",
                activity_type_id=quotation_type.id,
            )
        with self.assertRaisesRegex(ValidationError, "not for opportunities"):
            self._add_line(
                self.stage_proposal,
                event="activity_planned",
                activity_type_id=quotation_type.id,
            )
        lead_type = self.env["mail.activity.type"].create(
            {"name": "Call the site manager", "res_model": "crm.lead"}
        )
        line = self._add_line(
            self.stage_survey, action="activity", activity_type_id=lead_type.id
        )
        self.assertEqual(line.activity_type_id, lead_type)
