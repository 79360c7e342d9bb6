from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import StageHistoryCase

MEASURES = [
    "entered_count:sum",
    "moved_on_count:sum",
    "won_count:sum",
    "lost_count:sum",
    "open_count:sum",
    "conversion:avg",
    "win_rate:avg",
    "days:avg",
]


@tagged("post_install", "-at_install", "crm_stage_analysis", "stage_conversion")
class TestStageConversion(StageHistoryCase):
    """CRM › Reporting › Stage Conversion, on stage histories of known dates: per
    stage, the opportunities that entered it, moved on, were won, lost, are
    still open, the conversion to the next stage and the days spent there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["crm.stage.conversion"]
        cls.stage_survey = cls.env["crm.stage"].create(
            {"name": "Site Survey", "sequence": 3}
        )
        # sixty days ago, to the second, so that open stays count whole days
        cls.start = fields.Datetime.now().replace(microsecond=0) - timedelta(days=60)

    def _at(self, days):
        return self.start + timedelta(days=days)

    def _funnel(self, leads):
        """The pivot's rows, in pipeline order: stage, entered, moved on, won,
        lost, still open, conversion to next %, won from here %, average days."""
        return [
            (
                group["stage_tracked_id"][1],
                *(group[measure] for measure in MEASURES[:5]),
                *(round(group[measure], 1) for measure in MEASURES[5:]),
            )
            for group in self.Report.formatted_read_group(
                [("lead_id", "in", leads.ids)], ["stage_tracked_id"], MEASURES
            )
        ]

    def test_each_stage_counts_where_its_opportunities_went(self):
        """A stage is optional: skipping it takes nothing from the first one's."""
        won = self._opportunity(
            self._at(0),
            [
                (None, self.stage_new),
                (self._at(2), self.stage_estimate),
                (self._at(6), self.stage_visit),
                (self._at(12), self.stage_quote),
            ],
        )
        self._win(won, self._at(20))
        lost_at_quote = self._opportunity(
            self._at(0),
            [
                (None, self.stage_new),
                (self._at(4), self.stage_visit),
                (self._at(8), self.stage_quote),
            ],
        )
        self._lose(lost_at_quote, self._at(18))
        lost_at_estimate = self._opportunity(
            self._at(0), [(None, self.stage_new), (self._at(6), self.stage_estimate)]
        )
        self._lose(lost_at_estimate, self._at(14))
        open_in_visit = self._opportunity(
            self._at(0), [(None, self.stage_new), (self._at(8), self.stage_visit)]
        )
        open_in_new = self._opportunity(self._at(0), [(None, self.stage_new)])
        leads = won | lost_at_quote | lost_at_estimate | open_in_visit | open_in_new
        self.assertEqual(
            self._funnel(leads),
            [
                # stage, entered, moved on, won, lost, open, conv. %, won %, days
                ("New", 5, 4, 1, 2, 2, 80.0, 33.3, 16.0),
                ("Estimate", 2, 1, 1, 1, 0, 50.0, 50.0, 6.0),
                ("Technical Visit", 3, 2, 1, 1, 1, 66.7, 50.0, 20.7),
                ("Quote", 2, 1, 1, 1, 0, 50.0, 50.0, 9.0),
                # a won stage ends the pipeline: nothing moves on from it
                ("Won", 1, 0, 1, 0, 0, 0.0, 100.0, 0.0),
            ],
        )

    def test_backward_moves_and_reentries_count_once_per_stage(self):
        back_to_visit = self._opportunity(
            self._at(0),
            [
                (None, self.stage_new),
                (self._at(2), self.stage_quote),
                (self._at(7), self.stage_visit),
                (self._at(10), self.stage_quote),
            ],
        )
        self._win(back_to_visit, self._at(13))
        back_to_new = self._opportunity(
            self._at(0),
            [
                (None, self.stage_new),
                (self._at(3), self.stage_quote),
                (self._at(5), self.stage_new),
            ],
        )
        self._lose(back_to_new, self._at(9))
        self.assertEqual(
            self._funnel(back_to_visit | back_to_new),
            [
                # days: every stay in the stage added up (Quote: 5 + 3, and 2)
                ("New", 2, 2, 1, 1, 0, 100.0, 50.0, 4.5),
                # entered after Quote, then went on to Quote again
                ("Technical Visit", 1, 1, 1, 0, 0, 100.0, 100.0, 3.0),
                ("Quote", 2, 1, 1, 1, 0, 50.0, 50.0, 5.0),
                ("Won", 1, 0, 1, 0, 0, 0.0, 100.0, 0.0),
            ],
        )
        quote = self.Report.search(
            [("lead_id", "=", back_to_visit.id), ("stage_id", "=", self.stage_quote.id)]
        )
        self.assertEqual(quote.date_in, self._at(2), "entered the first time")

    def test_lost_then_restored_counts_as_it_ends(self):
        lead = self._opportunity(
            self._at(0), [(None, self.stage_new), (self._at(3), self.stage_quote)]
        )
        self._lose(lead, self._at(10))
        self.assertEqual(
            self._funnel(lead)[1][:6], ("Quote", 1, 0, 0, 1, 0), "lost in Quote"
        )
        lead.action_unarchive()
        self.assertEqual(
            self._funnel(lead)[1][:6], ("Quote", 1, 0, 0, 0, 1), "open again"
        )
        self._win(lead, self._at(20))
        self.assertEqual(
            self._funnel(lead),
            [
                ("New", 1, 1, 1, 0, 0, 100.0, 100.0, 3.0),
                ("Quote", 1, 1, 1, 0, 0, 100.0, 100.0, 17.0),
                ("Won", 1, 0, 1, 0, 0, 0.0, 100.0, 0.0),
            ],
        )

    def test_a_merge_keeps_each_history_its_own(self):
        """The stages the merged opportunity went through, whose changes Odoo
        moves onto the one kept, are not the kept one's."""
        kept = self._opportunity(
            self._at(0), [(None, self.stage_new), (self._at(9), self.stage_quote)]
        )
        merged = self._opportunity(
            self._at(1),
            [
                (None, self.stage_new),
                (self._at(4), self.stage_estimate),
                (self._at(5), self.stage_visit),
            ],
        )
        self.assertEqual((kept + merged).merge_opportunity(), kept)
        self._flush_tracking()
        self.assertEqual(
            [row[:3] for row in self._funnel(kept)], [("New", 1, 1), ("Quote", 1, 0)]
        )

    def test_renamed_and_deleted_stages(self):
        """A renamed stage shows its new name; a deleted one the name it had,
        after the others: its place in the pipeline is gone, so leaving it for
        any stage is moving on."""
        lead = self._opportunity(
            self._at(0),
            [
                (None, self.stage_new),
                (self._at(1), self.stage_survey),
                (self._at(5), self.stage_estimate),
                (self._at(6), self.stage_visit),
            ],
        )
        self._lose(lead, self._at(10))
        self.stage_estimate.name = "Free Estimate"
        self.stage_survey.unlink()
        self.assertEqual(
            self._funnel(lead),
            [
                ("New", 1, 1, 0, 1, 0, 100.0, 0.0, 1.0),
                ("Free Estimate", 1, 1, 0, 1, 0, 100.0, 0.0, 1.0),
                ("Technical Visit", 1, 0, 0, 1, 0, 0.0, 0.0, 4.0),
                ("Site Survey", 1, 1, 0, 1, 0, 100.0, 0.0, 4.0),
            ],
        )
        survey = self.Report.search(
            [("lead_id", "=", lead.id), ("stage_tracked_id", "ilike", "Site Survey")]
        )
        self.assertFalse(survey.stage_id)

    def test_period_reads_the_first_entry(self):
        lead = self._opportunity(
            self._at(0),
            [
                (None, self.stage_new),
                (self._at(2), self.stage_quote),
                (self._at(30), self.stage_new),
                (self._at(40), self.stage_quote),
            ],
        )
        entered_since_day_20 = self.Report.search(
            [("lead_id", "=", lead.id), ("date_in", ">=", self._at(20))]
        )
        self.assertFalse(entered_since_day_20)
        self.assertEqual(
            self.Report.search([("lead_id", "=", lead.id)]).mapped("date_in"),
            [self._at(2), self._at(0)],
        )

    def test_a_row_opens_its_opportunity(self):
        lead = self._opportunity(self._at(0), [(None, self.stage_new)])
        action = self.Report.search(
            [("lead_id", "=", lead.id)]
        ).action_open_opportunity()
        self.assertEqual((action["res_model"], action["res_id"]), ("crm.lead", lead.id))


@tagged("post_install", "-at_install", "crm_stage_analysis", "stage_conversion")
class TestStageConversionAccess(StageHistoryCase):
    """Stage Conversion shows what its reader sees in the pipeline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._create_opportunity(name="Own")
        cls.colleague = cls._create_opportunity(
            name="Colleague's", user_id=cls.user_sales_leads.id
        )
        cls.other_company = cls._create_opportunity(
            name="Other company's",
            team_id=cls.team_c2.id,
            company_id=cls.company_2.id,
            user_id=cls.user_sales_manager.id,
        )
        cls.leads = cls.own | cls.colleague | cls.other_company

    def _seen_by(self, user, companies):
        report = (
            self.env["crm.stage.conversion"]
            .with_user(user)
            .with_context(allowed_company_ids=companies.ids)
        )
        return report.search([("lead_id", "in", self.leads.ids)]).lead_id

    def test_salesman_sees_his_own_opportunities(self):
        self.assertEqual(
            self._seen_by(self.user_sales_salesman, self.company_main), self.own
        )

    def test_sales_manager_sees_all_in_the_companies_selected(self):
        self.assertEqual(
            self._seen_by(self.user_sales_manager, self.company_main),
            self.own | self.colleague,
        )
        self.assertEqual(
            self._seen_by(self.user_sales_manager, self.company_main | self.company_2),
            self.leads,
        )
