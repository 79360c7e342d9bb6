from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common import StageHistoryCase


def day(month, day_, hour=9):
    return datetime(2026, month, day_, hour)


@tagged("post_install", "-at_install", "crm_stage_analysis", "stage_duration")
class TestStageDuration(StageHistoryCase):
    """CRM › Reporting › Stage Durations, on stage histories of known dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["crm.stage.duration"]
        cls.team_nantes = cls.env["crm.team"].create({"name": "Nantes installers"})
        cls.stage_survey = cls.env["crm.stage"].create(
            {"name": "Site Survey", "sequence": 3}
        )

    def _stays(self, lead):
        """(stage, entered on, left on, days, outcome) as the list shows them."""
        return [
            (
                stay.stage_tracked_id.name,
                str(stay.date_in.date()),
                stay.date_out and str(stay.date_out.date()),
                round(stay.days, 1),
                stay.outcome,
            )
            for stay in self.Report.search([("lead_id", "=", lead.id)]).sorted(
                "date_in"
            )
        ]

    def _pivot(self, leads, groupby, order=None):
        """The pivot's cells: average and median days, and stays, per group."""
        groups = self.Report.formatted_read_group(
            [("lead_id", "in", leads.ids)],
            groupby,
            ["days:avg", "days_median:median", "__count"],
            order=order,
        )
        return [
            (
                *(
                    group[name][1] if isinstance(group[name], tuple) else group[name]
                    for name in groupby
                ),
                round(group["days:avg"], 2),
                round(group["days_median:median"], 2),
                group["__count"],
            )
            for group in groups
        ]

    def test_each_stay_shows_its_dates_days_and_outcome(self):
        won = self._opportunity(
            day(1, 5),
            [
                (None, self.stage_new),
                (day(1, 8), self.stage_estimate),
                (day(1, 18, 21), self.stage_quote),
            ],
        )
        self._win(won, day(1, 25))
        lost = self._opportunity(
            day(1, 5), [(None, self.stage_new), (day(1, 10), self.stage_quote)]
        )
        self._lose(lost, day(1, 30))
        self.assertEqual(
            self._stays(won),
            [
                ("New", "2026-01-05", "2026-01-08", 3.0, "won"),
                ("Estimate", "2026-01-08", "2026-01-18", 10.5, "won"),
                ("Quote", "2026-01-18", "2026-01-25", 6.5, "won"),
                ("Won", "2026-01-25", "2026-01-25", 0.0, "won"),
            ],
        )
        self.assertEqual(
            self._stays(lost),
            [
                ("New", "2026-01-05", "2026-01-10", 5.0, "lost"),
                # a lost opportunity leaves its stage when it is lost
                ("Quote", "2026-01-10", "2026-01-30", 20.0, "lost"),
            ],
        )

    def test_open_stay_has_no_end_and_counts_until_today(self):
        entered = fields.Datetime.now() - timedelta(days=4)
        lead = self._opportunity(
            entered - timedelta(days=2),
            [(None, self.stage_new), (entered, self.stage_visit)],
        )
        self.assertEqual(
            self._stays(lead)[-1],
            ("Technical Visit", str(entered.date()), False, 4.0, "open"),
        )

    def test_never_moved_opportunity_is_one_stay_from_its_creation(self):
        created = fields.Datetime.now() - timedelta(days=3)
        lead = self._opportunity(created, [(None, self.stage_quote)])
        self.assertEqual(
            self._stays(lead), [("Quote", str(created.date()), False, 3.0, "open")]
        )

    def _estimated_for(self, *estimates):
        """Lost opportunities estimated for (days, in Nantes' team or not) each."""
        leads = self.env["crm.lead"]
        for estimate_days, in_nantes in estimates:
            leads |= self._opportunity(
                day(2, 1),
                [
                    (None, self.stage_new),
                    (day(2, 3), self.stage_estimate),
                    (day(2, 3 + estimate_days), self.stage_quote),
                ],
                team=in_nantes and self.team_nantes,
            )
        self._lose(leads, day(3, 3))
        return leads

    def test_pivot_gives_average_and_median_per_stage_and_team(self):
        leads = self._estimated_for((10, False), (1, False), (2, False), (6, True))
        team = self.sales_team_1.name
        self.assertEqual(
            self._pivot(leads, ["stage_tracked_id", "team_id"]),
            [
                ("New", team, 2.0, 2.0, 3),
                ("New", "Nantes installers", 2.0, 2.0, 1),
                ("Estimate", team, 4.33, 2.0, 3),
                ("Estimate", "Nantes installers", 6.0, 6.0, 1),
                ("Quote", team, 23.67, 26.0, 3),
                ("Quote", "Nantes installers", 22.0, 22.0, 1),
            ],
        )

    def test_pivot_reads_the_median_of_every_grouping_at_once(self):
        """Odoo 19.0's pivot asks its total, rows, columns and cells in one
        request (SQL grouping sets): each has its own median."""
        leads = self._estimated_for((10, False), (1, False), (2, False), (6, True))
        groupings = [
            [],
            ["stage_tracked_id"],
            ["team_id"],
            ["stage_tracked_id", "team_id"],
        ]
        results = self.Report.formatted_read_grouping_sets(
            [("lead_id", "in", leads.ids), ("stage_id", "=", self.stage_estimate.id)],
            groupings,
            ["days_median:median", "__count"],
        )
        team = self.sales_team_1.name
        self.assertEqual(
            [
                [
                    (
                        *(group[name][1] for name in grouping),
                        round(group["days_median:median"], 2),
                        group["__count"],
                    )
                    for group in groups
                ]
                for grouping, groups in zip(groupings, results, strict=True)
            ],
            [
                [(4.0, 4)],
                [("Estimate", 4.0, 4)],
                [(team, 2.0, 3), ("Nantes installers", 6.0, 1)],
                [("Estimate", team, 2.0, 3), ("Estimate", "Nantes installers", 6.0, 1)],
            ],
        )

    def test_stages_read_in_pipeline_order_renamed_and_deleted(self):
        """The graph's bars follow the pipeline; a renamed stage shows its new
        name, a deleted one the name it had, after the others; sorted the other
        way, the whole order turns round."""
        lead = self._opportunity(
            day(1, 5),
            [
                (None, self.stage_new),
                (day(1, 6), self.stage_survey),
                (day(1, 10), self.stage_estimate),
                (day(1, 11), self.stage_visit),
            ],
        )
        self.stage_estimate.name = "Free Estimate"
        self.stage_survey.unlink()
        self.stage_new.sequence = 20  # reordered after the others
        self.assertEqual(
            [name for name, *_rest in self._pivot(lead, ["stage_tracked_id"])],
            ["Free Estimate", "Technical Visit", "New", "Site Survey"],
        )
        self.assertEqual(
            [
                name
                for name, *_rest in self._pivot(
                    lead, ["stage_tracked_id"], order="stage_tracked_id desc"
                )
            ],
            ["Site Survey", "New", "Technical Visit", "Free Estimate"],
        )
        survey = self.Report.search(
            [("lead_id", "=", lead.id), ("stage_tracked_id", "ilike", "Site Survey")]
        )
        self.assertEqual(
            (survey.stage_id, round(survey.days, 1)), (self.env["crm.stage"], 4.0)
        )

    def test_history_from_before_installation_counts(self):
        """Tracking rows as vanilla Odoo wrote them before the module came."""
        lead = self._opportunity(day(1, 2), [(None, self.stage_quote)])
        field = self.env["ir.model.fields"]._get("crm.lead", "stage_id")
        message = self.env["mail.message"].create(
            {
                "model": "crm.lead",
                "res_id": lead.id,
                "message_type": "notification",
                "tracking_value_ids": [
                    Command.create(
                        {
                            "field_id": field.id,
                            "old_value_integer": self.stage_new.id,
                            "old_value_char": "New",
                            "new_value_integer": self.stage_quote.id,
                            "new_value_char": "Quote",
                        }
                    )
                ],
            }
        )
        self._set_date("mail_message", "date", message.id, day(1, 9))
        self._lose(lead, day(1, 19))
        self.assertEqual(
            self._stays(lead),
            [
                ("New", "2026-01-02", "2026-01-09", 7.0, "lost"),
                ("Quote", "2026-01-09", "2026-01-19", 10.0, "lost"),
            ],
        )

    def test_a_merge_keeps_each_history_its_own(self):
        """The opportunity kept keeps its stays; those of the merged one, whose
        messages Odoo moves onto it, are left out (the merged one is gone)."""
        kept = self._opportunity(
            day(1, 1), [(None, self.stage_new), (day(1, 10), self.stage_quote)]
        )
        merged = self._opportunity(
            day(1, 2),
            [
                (None, self.stage_new),
                (day(1, 5), self.stage_estimate),
                (day(1, 6), self.stage_visit),
            ],
        )
        stays = self._stays(kept)
        self.assertEqual((kept + merged).merge_opportunity(), kept)
        self._flush_tracking()
        self.assertFalse(merged.exists())
        self.assertEqual(
            self._stays(kept)[:1], [("New", "2026-01-01", "2026-01-10", 9.0, "open")]
        )
        self.assertEqual(self._stays(kept), stays)
        self.assertEqual(
            len(
                kept.message_ids.tracking_value_ids.filtered(
                    lambda tracking: tracking.field_id.name == "stage_id"
                )
            ),
            3,
            "its chatter shows both histories",
        )

    def test_salesman_sees_only_his_opportunities(self):
        own = self._opportunity(day(1, 2), [(None, self.stage_new)])
        other = self._opportunity(
            day(1, 2), [(None, self.stage_new)], user_id=self.user_sales_leads.id
        )
        report = self.Report.with_user(self.user_sales_salesman)
        self.assertEqual(
            report.search([("lead_id", "in", (own | other).ids)]).lead_id, own
        )

    def test_a_stay_opens_its_opportunity(self):
        lead = self._opportunity(day(1, 2), [(None, self.stage_new)])
        action = self.Report.search(
            [("lead_id", "=", lead.id)]
        ).action_open_opportunity()
        self.assertEqual((action["res_model"], action["res_id"]), ("crm.lead", lead.id))
