from collections import Counter
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import StaleStageCase, kanban_specification


@tagged("post_install", "-at_install", "crm_stage_stale")
class TestStaleOpportunities(StaleStageCase):
    """On Odoo's rotting: an activity planned today or later keeps an
    opportunity fresh, one without a last stage change never rots, and the
    pipeline's columns count the rotting opportunities on the server."""

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
        self.assertEqual(lead.rotting_days, days)
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

    def _plan_activity(self, lead, days_from_today):
        return lead.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=fields.Date.today() + timedelta(days=days_from_today),
            user_id=self.user_sales_leads.id,
        )

    def test_opportunity_past_the_threshold_rots_with_its_days(self):
        lead = self._opportunity_in_stage_for(25)
        self._assert_stale(lead, 25)
        self.assertEqual(lead.days_in_stage, 25)

    def test_activity_due_later_keeps_it_fresh(self):
        lead = self._opportunity_in_stage_for(30)
        self._plan_activity(lead, 3)
        self._assert_fresh(lead)
        self.assertEqual(lead.days_in_stage, 30, "its days in stage show all the same")

    def test_activity_due_today_keeps_it_fresh(self):
        lead = self._opportunity_in_stage_for(30)
        self._plan_activity(lead, 0)
        self._assert_fresh(lead)

    def test_overdue_activity_does_not_keep_it_fresh(self):
        lead = self._opportunity_in_stage_for(30)
        self._plan_activity(lead, -1)
        self._assert_stale(lead, 30)

    def test_done_activity_does_not_keep_it_fresh(self):
        lead = self._opportunity_in_stage_for(30)
        self._plan_activity(lead, 3).action_done()
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

    def test_activity_done_from_the_card_lets_it_rot_at_once(self):
        """The mark follows the activities without a reload of the card."""
        lead = self._opportunity_in_stage_for(30)
        activity = self._plan_activity(lead, 3)
        self.assertFalse(lead.is_rotting)
        activity.action_done()
        self.assertTrue(lead.is_rotting)

    def test_without_a_stage_change_date_it_never_rots(self):
        """Nobody can tell since when it sits there: not rotting, and the Not
        Rotting filter finds it; its days in stage count from its creation."""
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

    def test_column_counts_agree_with_the_cards(self):
        """Whatever makes a card rot or not, its column counts it the same."""
        self.stage_survey.rotting_threshold_days = 10
        leads = self.env["crm.lead"]
        for days, values in (
            (30, {}),
            (25, {}),
            (30, {}),
            (20, {}),  # within the threshold
            (30, {"type": "lead"}),
            (30, {"stage": self.stage_survey}),
            (5, {"stage": self.stage_survey}),
            (30, {"stage": self.stage_empty}),  # no threshold
        ):
            leads |= self._opportunity_in_stage_for(days, **values)
        self._plan_activity(leads[0], 2)
        self._plan_activity(leads[1], -2)
        won = self._opportunity_in_stage_for(30)
        lost = self._opportunity_in_stage_for(30)
        won.action_set_won()
        won.date_last_stage_update = self.now - timedelta(days=30)
        won.stage_id.rotting_threshold_days = 5
        lost.action_set_lost()
        leads |= won | lost
        Lead = self.env["crm.lead"].with_context(active_test=False)
        cards = Counter(lead.stage_id.id for lead in leads if lead.is_rotting)
        self.assertEqual(cards, {self.stage_quote.id: 2, self.stage_survey.id: 1})
        counts = Lead.read_stale_count_by_stage([("id", "in", leads.ids)])
        self.assertEqual(
            {count["stage_id"]: count["count"] for count in counts}, dict(cards)
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

    def test_user_who_may_only_read_opportunities_reads_the_pipeline(self):
        """Reading a card is no write: one allowed only to read the
        opportunities sees their rotting marks and the columns' counts."""
        readers = self.env["res.groups"].create({"name": "Pipeline readers"})
        self.env["ir.model.access"].create(
            [
                {
                    "name": f"{model} readers",
                    "model_id": self.env["ir.model"]._get_id(model),
                    "group_id": readers.id,
                    "perm_read": True,
                }
                for model in ("crm.lead", "crm.tag")
            ]
        )
        reader = new_test_user(self.env, "stale_reader", groups="base.group_user")
        reader.group_ids |= readers
        stale, planned = (
            self._opportunity_in_stage_for(30),
            self._opportunity_in_stage_for(30),
        )
        self._plan_activity(planned, 1)
        domain = [("id", "in", (stale | planned).ids)]
        Lead = self.env["crm.lead"].with_user(reader)
        with self.assertRaises(AccessError):
            Lead.browse(stale.id).name = "Written"
        specification = kanban_specification(Lead)
        self.env.invalidate_all()
        cards = Lead.web_search_read(domain, specification)["records"]
        self.assertEqual(
            {card["id"]: card["is_rotting"] for card in cards},
            {stale.id: True, planned.id: False},
        )
        self.assertEqual(
            Lead.read_stale_count_by_stage(domain),
            [{"stage_id": self.stage_quote.id, "count": 1}],
        )

    def test_opportunity_sitting_longer_than_odoo_looks_back_still_rots(self):
        """Odoo's search looks back 12 months (crm.lead.rot.max.months): the
        filter and the column find the older cards showing the mark too."""
        lead = self._opportunity_in_stage_for(400)
        self._assert_stale(lead, 400)

    def test_days_to_rot_at_the_maximum_and_a_date_far_back_read_without_error(self):
        lead = self._opportunity_in_stage_for(0)
        lead.date_last_stage_update = fields.Datetime.to_datetime("0001-01-01")
        self.stage_quote.rotting_threshold_days = 3650
        self.assertTrue(lead.is_rotting)
        self.assertIn(lead, self._stale_search())
        self.assertEqual(
            self._column_stale_count(lead),
            [{"stage_id": self.stage_quote.id, "count": 1}],
        )

    def test_days_to_rot_out_of_bounds_are_refused_naming_the_stage(self):
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
