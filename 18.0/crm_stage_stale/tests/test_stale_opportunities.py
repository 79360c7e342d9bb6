from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import StaleStageCase


@tagged("post_install", "-at_install", "crm_stage_stale")
class TestStaleOpportunities(StaleStageCase):
    """An open opportunity is stale once it has sat in its stage longer than the
    stage's days to stale, with nothing planned today or later."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_quote.rotting_threshold_days = 21
        cls.now = cls.env.cr.now()

    def _opportunity_in_stage_for(self, days, stage=None, **values):
        lead = self._create_opportunity(
            stage_id=(stage or self.stage_quote).id, **values
        )
        lead.date_last_stage_update = self.now - timedelta(days=days)
        return lead

    def _assert_stale(self, lead, days):
        self.assertTrue(lead.is_rotting)
        self.assertEqual(lead.days_in_stage, days)
        self.assertEqual(
            self._column_stale_count(lead), [{"stage_id": lead.stage_id.id, "count": 1}]
        )
        self.assertIn(lead, self._stale_search())
        self.assertNotIn(
            lead, self.env["crm.lead"].search([("is_rotting", "=", False)])
        )

    def _assert_fresh(self, lead):
        self.assertFalse(lead.is_rotting)
        self.assertEqual(self._column_stale_count(lead), [])
        self.assertNotIn(lead, self._stale_search())
        self.assertIn(
            lead,
            self.env["crm.lead"].search(
                [("is_rotting", "=", False), ("id", "=", lead.id)]
            ),
        )

    def _column_stale_count(self, lead):
        """What the pipeline's column shows for this one opportunity."""
        return self.env["crm.lead"].read_stale_count_by_stage([("id", "=", lead.id)])

    def _stale_search(self):
        return self.env["crm.lead"].search([("is_rotting", "=", True)])

    def test_opportunity_past_the_threshold_is_stale_with_its_days(self):
        self._assert_stale(self._opportunity_in_stage_for(25), 25)

    def test_opportunity_within_the_threshold_is_fresh(self):
        self._assert_fresh(self._opportunity_in_stage_for(21))
        lead = self._opportunity_in_stage_for(20)
        self._assert_fresh(lead)
        self.assertEqual(lead.days_in_stage, 20, "its days in stage show all the same")

    def test_without_a_stage_change_date_it_is_never_stale(self):
        """Nobody can tell since when it sits there: not stale, and the Not Stale
        filter finds it; its days in stage count from its creation."""
        lead = self._opportunity_in_stage_for(0)
        lead.date_last_stage_update = False
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = %s",
            [self.now - timedelta(days=30), lead.id],
        )
        self.env.invalidate_all()
        self._assert_fresh(lead)
        self.assertEqual(lead.days_in_stage, 30)

    def test_a_stage_change_date_far_back_is_only_stale(self):
        lead = self._opportunity_in_stage_for(0)
        lead.date_last_stage_update = fields.Datetime.to_datetime("0001-01-01")
        self.stage_quote.rotting_threshold_days = 3650
        self.assertTrue(lead.is_rotting)
        self.assertIn(lead, self._stale_search())

    def test_stage_without_threshold_never_stales(self):
        self.stage_quote.rotting_threshold_days = 0
        self._assert_fresh(self._opportunity_in_stage_for(400))

    def test_won_opportunity_is_not_stale(self):
        lead = self._opportunity_in_stage_for(30)
        lead.action_set_won()
        self.assertTrue(lead.stage_id.is_won)
        lead.stage_id.rotting_threshold_days = 5
        lead.date_last_stage_update = self.now - timedelta(days=30)
        self._assert_fresh(lead)

    def test_lost_opportunity_is_not_stale(self):
        lead = self._opportunity_in_stage_for(30)
        lead.action_set_lost()
        self.assertFalse(lead.is_rotting)
        self.assertNotIn(
            lead,
            self.env["crm.lead"]
            .with_context(active_test=False)
            .search([("is_rotting", "=", True)]),
        )
        self.assertEqual(
            self.env["crm.lead"]
            .with_context(active_test=False)
            .read_stale_count_by_stage([("id", "=", lead.id)]),
            [],
        )

    def test_column_counts_only_what_the_user_may_read(self):
        mine = self._opportunity_in_stage_for(25)
        colleague = self.user_sales_manager
        other = self._opportunity_in_stage_for(25, user_id=colleague.id)
        other_company = self._opportunity_in_stage_for(
            25, company_id=self.company_2.id, team_id=self.team_c2.id, user_id=False
        )
        ours = [("id", "in", (mine | other | other_company).ids)]
        Lead = self.env["crm.lead"].with_user(self.user_sales_salesman)
        self.assertEqual(Lead.search([*ours, ("is_rotting", "=", True)]), mine)
        self.assertEqual(
            Lead.read_stale_count_by_stage(ours),
            [{"stage_id": self.stage_quote.id, "count": 1}],
        )
        self.assertEqual(
            self.env["crm.lead"].read_stale_count_by_stage(ours),
            [{"stage_id": self.stage_quote.id, "count": 3}],
        )
        portal = new_test_user(self.env, "portal_stale", groups="base.group_portal")
        with self.assertRaises(AccessError):
            Lead.with_user(portal).read_stale_count_by_stage([])

    def test_lead_is_not_stale(self):
        self._assert_fresh(self._opportunity_in_stage_for(30, type="lead"))

    def test_activity_due_later_keeps_it_fresh(self):
        lead = self._opportunity_in_stage_for(30)
        lead.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=fields.Date.today() + timedelta(days=3),
            user_id=self.user_sales_leads.id,
        )
        self._assert_fresh(lead)

    def test_activity_due_today_keeps_it_fresh(self):
        lead = self._opportunity_in_stage_for(30)
        lead.activity_schedule(
            "mail.mail_activity_data_call", date_deadline=fields.Date.today()
        )
        self._assert_fresh(lead)

    def test_overdue_activity_does_not_keep_it_fresh(self):
        lead = self._opportunity_in_stage_for(30)
        lead.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=fields.Date.today() - timedelta(days=1),
        )
        self._assert_stale(lead, 30)

    def test_done_activity_does_not_keep_it_fresh(self):
        lead = self._opportunity_in_stage_for(30)
        activity = lead.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=fields.Date.today() + timedelta(days=3),
        )
        activity.action_done()
        self._assert_stale(lead, 30)

    def test_activity_on_another_document_with_the_same_id_does_not_keep_it_fresh(
        self,
    ):
        lead = self._opportunity_in_stage_for(30)
        contact = self.env["res.partner"].create({"name": "Another document"})
        activity = contact.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=fields.Date.today() + timedelta(days=3),
        )
        # a contact whose id is the opportunity's
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE mail_activity SET res_id = %s WHERE id = %s", [lead.id, activity.id]
        )
        self.env.invalidate_all()
        self._assert_stale(lead, 30)

    def test_stage_change_makes_it_fresh(self):
        self.stage_survey.rotting_threshold_days = 14
        lead = self._opportunity_in_stage_for(30, stage=self.stage_survey)
        self._assert_stale(lead, 30)
        lead.stage_id = self.stage_quote
        self._assert_fresh(lead)

    def test_threshold_is_counted_per_stage(self):
        self.stage_survey.rotting_threshold_days = 10
        survey = self._opportunity_in_stage_for(15, stage=self.stage_survey)
        quote = self._opportunity_in_stage_for(15)
        self._assert_stale(survey, 15)
        self._assert_fresh(quote)

    def test_no_threshold_anywhere_finds_no_stale_opportunity(self):
        self._opportunity_in_stage_for(400)
        self.env["crm.stage"].search([]).rotting_threshold_days = 0
        self.assertFalse(self._stale_search())

    def test_days_to_stale_is_set_in_the_stage_form(self):
        with Form(self.stage_survey) as stage:
            stage.rotting_threshold_days = 9
        self.assertEqual(self.stage_survey.rotting_threshold_days, 9)

    def test_days_to_stale_out_of_bounds_are_refused_naming_the_stage(self):
        for days in (-1, 3651, 1_000_000):
            with self.assertRaises(ValidationError) as refusal:
                self.stage_survey.rotting_threshold_days = days
            self.assertRegex(
                str(refusal.exception), "Site Survey must be between 0 .* and 3650"
            )
        with mute_logger("odoo.sql_db"):
            result = self.env["crm.stage"].load(
                ["name", "rotting_threshold_days"],
                [["Survey", "10"], ["Forever", "1000000"]],
            )
        self.assertFalse(result["ids"])
        self.assertEqual([m["rows"]["from"] for m in result["messages"]], [1])
        self.assertIn("between 0 and 3650", result["messages"][0]["message"])
