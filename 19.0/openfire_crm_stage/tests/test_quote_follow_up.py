from datetime import date, datetime

from freezegun import freeze_time
from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api, sql_db
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OpenfireStageCase

MONDAY = datetime(2026, 3, 2, 10)
WEDNESDAY = datetime(2026, 3, 4, 16)


@tagged("post_install", "-at_install", "openfire_crm_stage", "quote_follow_up")
class TestQuoteFollowUp(OpenfireStageCase):
    """The shipped rule "Quote sent by email: follow-up" and the rules closing
    the follow-up, as a sales rep meets them on the opportunity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.follow_up_type = cls.env.ref(
            "openfire_crm_stage.mail_activity_type_quote_follow_up"
        )
        cls.rule = cls.env.ref("openfire_crm_stage.automation_quote_sent_follow_up")
        cls.customer.email = "sdis35@example.com"
        cls.opportunity = cls._create_opportunity()
        cls.product = cls.env["product.product"].create(
            {"name": "Fire alarm control panel", "list_price": 4200}
        )
        # Odoo's standard calendar: Monday to Friday
        cls.env.company.resource_calendar_id.tz = "Europe/Paris"

    def _order(self, costing_type="quote"):
        return self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "opportunity_id": self.opportunity.id,
                "costing_type": costing_type,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )

    def _send(self, order, when=MONDAY):
        """The rep sends the quote by email (the email without its PDF)."""
        with freeze_time(when):
            order.with_context(mark_so_as_sent=True).message_post(
                body="Your quote",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.env.flush_all()
        self.env.cr.flush()

    def _follow_ups(self):
        """(due date, assignee) of the opportunity's open follow-ups."""
        return [
            (activity.date_deadline, activity.user_id)
            for activity in self.opportunity.activity_ids
            if activity.activity_type_id == self.follow_up_type
        ]

    def test_quote_sent_schedules_follow_up_in_seven_working_days(self):
        self._send(self._order())
        # Tuesday 3 to Wednesday 11: the weekend does not count
        self.assertEqual(
            self._follow_ups(), [(date(2026, 3, 11), self.user_sales_salesman)]
        )
        self.assertEqual(self.opportunity.activity_date_deadline, date(2026, 3, 11))
        self.assertEqual(self.opportunity.activity_type_id, self.follow_up_type)

    def test_public_holiday_is_not_a_working_day(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": self.env.company.resource_calendar_id.id,
                "date_from": datetime(2026, 3, 5, 0),
                "date_to": datetime(2026, 3, 5, 23),
            }
        )
        self._send(self._order())
        self.assertEqual(
            self._follow_ups(), [(date(2026, 3, 12), self.user_sales_salesman)]
        )

    def test_quote_sent_again_reschedules_the_open_follow_up(self):
        order = self._order()
        self._send(order)
        self._send(order, when=WEDNESDAY)
        self.assertEqual(
            self._follow_ups(), [(date(2026, 3, 13), self.user_sales_salesman)]
        )

    def test_estimate_sent_schedules_no_follow_up(self):
        self._send(self._order(costing_type="estimate"))
        self.assertEqual(self._follow_ups(), [])

    def test_delay_and_assignee_edited_on_the_activity_type(self):
        self.follow_up_type.write(
            {"delay_count": 3, "default_user_id": self.user_sales_leads.id}
        )
        self._send(self._order())
        self.assertEqual(
            self._follow_ups(), [(date(2026, 3, 5), self.user_sales_leads)]
        )

    def test_quote_sent_by_a_salesman_on_a_colleague_opportunity(self):
        """The salesman sees only his own opportunities: sending a quote on a
        colleague's one still plans its follow-up, for the colleague."""
        self.opportunity.user_id = self.user_sales_leads
        order = self._order().with_user(self.user_sales_salesman)
        order.sudo().user_id = self.user_sales_salesman
        self._send(order)
        self.assertEqual(
            self._follow_ups(), [(date(2026, 3, 11), self.user_sales_leads)]
        )

    def test_won_opportunity_closes_its_follow_up(self):
        self._send(self._order())
        self.opportunity.action_set_won()
        self.assertEqual(self._follow_ups(), [])
        done = self.opportunity.message_ids.filtered(
            lambda message: message.mail_activity_type_id == self.follow_up_type
        )
        self.assertEqual(len(done), 1, "the follow-up is marked as done")

    def test_confirmed_quote_closes_the_follow_up(self):
        order = self._order()
        self._send(order)
        order.action_confirm()
        self.assertEqual(self._follow_ups(), [])

    def test_other_activities_stay_open(self):
        todo = self.opportunity.activity_schedule("mail.mail_activity_data_todo")
        self._send(self._order())
        self.opportunity.action_set_won()
        self.assertTrue(todo.exists())

    def test_no_delay_plans_it_today(self):
        self.follow_up_type.delay_count = 0
        self._send(self._order())
        self.assertEqual(
            self._follow_ups(), [(MONDAY.date(), self.user_sales_salesman)]
        )

    def test_archived_activity_type_plans_nothing_but_closes_what_is_open(self):
        self._send(self._order())
        self.follow_up_type.active = False
        self._send(self._order(), when=WEDNESDAY)
        self.assertEqual(
            self._follow_ups(),
            [(date(2026, 3, 11), self.user_sales_salesman)],
            "not moved: the type is archived",
        )
        self.opportunity.action_set_won()
        self.assertEqual(self._follow_ups(), [])

    def test_a_quote_emailed_at_the_same_moment_as_another_is_retried(self):
        """Another rep emailed a quote of the same opportunity and his request
        committed while this one ran: this one fails the way Odoo retries a
        request (whose retry then finds his follow-up and moves it), rather than
        planning a second follow-up beside his."""
        with sql_db.db_connect(self.env.cr.dbname).cursor() as other_cr:
            other = api.Environment(other_cr, SUPERUSER_ID, {})
            # an opportunity saved before the tests, already past Quote's move
            opportunity = other["crm.lead"].search(
                [
                    ("type", "=", "opportunity"),
                    ("partner_id", "!=", False),
                    ("stage_id.is_won", "=", False),
                    (
                        "stage_id.sequence",
                        ">=",
                        self.env.ref("crm.stage_lead3").sequence,
                    ),
                ],
                limit=1,
            )
            if not opportunity:
                self.skipTest("needs an opportunity saved before the tests")
            order = other["sale.order"].create(
                {
                    "partner_id": opportunity.partner_id.id,
                    "opportunity_id": opportunity.id,
                }
            )
            order.with_context(mark_so_as_sent=True).message_post(
                body="Your quote",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            other_cr.commit()
            try:
                mine = self.env["sale.order"].create(
                    {
                        "partner_id": opportunity.partner_id.id,
                        "opportunity_id": opportunity.id,
                    }
                )
                with (
                    self.assertRaises(SerializationFailure),
                    mute_logger("odoo.sql_db"),
                ):
                    mine.with_context(mark_so_as_sent=True).message_post(
                        body="Your quote",
                        message_type="comment",
                        subtype_xmlid="mail.mt_comment",
                    )
                    self.env.flush_all()
            finally:
                order.opportunity_id.activity_ids.filtered(
                    lambda activity: (
                        activity.activity_type_id.id == self.follow_up_type.id
                    )
                ).unlink()
                order.with_context(disable_cancel_warning=True).action_cancel()
                order.unlink()
                other_cr.commit()
