from datetime import timedelta

from odoo import fields
from odoo.tests import tagged, users, warmup

from .common import StaleStageCase, kanban_specification

# what the pipeline sums per column: the expected revenue of Odoo's progress
# bar, and the weighted revenue this module adds, each in the company's currency
COLUMN_AGGREGATES = [
    "company_currency:array_agg_distinct",
    "expected_revenue:sum",
    "expected_revenue:sum_currency",
    "prorated_revenue:sum",
    "prorated_revenue:sum_currency",
]


@tagged("post_install", "-at_install", "crm_stage_stale")
class TestStalePipelineQueries(StaleStageCase):
    """Opening a pipeline column costs the same queries for 2 or 60 cards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_small, cls.stage_large = cls.env["crm.stage"].create(
            [{"name": name, "rotting_threshold_days": 7} for name in ("Small", "Large")]
        )
        now = cls.env.cr.now()
        for stage, count in ((cls.stage_small, 2), (cls.stage_large, 60)):
            leads = cls.env["crm.lead"].create(
                [
                    {
                        "name": f"{stage.name} {index}",
                        "type": "opportunity",
                        "stage_id": stage.id,
                        "expected_revenue": 1000,
                    }
                    for index in range(count)
                ]
            )
            for index, lead in enumerate(leads):
                if index % 3 != 2:  # one in three was just moved
                    lead.date_last_stage_update = now - timedelta(days=10)
                if index % 3 == 1:
                    lead.activity_schedule(
                        "mail.mail_activity_data_call",
                        date_deadline=fields.Date.today() + timedelta(days=2),
                    )

    def _open_column(self, stage):
        """What the pipeline asks for a column: its totals, its cards with the
        kanban's fields, its rotting count."""
        Lead = self.env["crm.lead"]
        domain = [("type", "=", "opportunity"), ("stage_id", "=", stage.id)]
        Lead.web_read_group(domain, ["stage_id"], COLUMN_AGGREGATES)
        cards = Lead.web_search_read(domain, self.specification, limit=80)["records"]
        stale = Lead.read_stale_count_by_stage(domain)
        return cards, stale

    @users("user_sales_manager")
    @warmup
    def test_opening_a_column_costs_the_same_for_2_or_60_cards(self):
        self.specification = kanban_specification(self.env["crm.lead"])
        queries = []
        for stage, stale_count in ((self.stage_small, 1), (self.stage_large, 20)):
            column = {}
            queries.append(
                self._queries_of(
                    lambda stage=stage, column=column: column.update(
                        zip(("cards", "stale"), self._open_column(stage), strict=True)
                    )
                )
            )
            cards = column["cards"]
            self.assertEqual(sum(card["is_rotting"] for card in cards), stale_count)
            self.assertEqual(
                column["stale"], [{"stage_id": stage.id, "count": stale_count}]
            )
            self.assertEqual(
                {card["rotting_days"] for card in cards if card["is_rotting"]}, {10}
            )
        if self.warm:
            self.assertEqual(queries[0], queries[1])

    @users("user_sales_manager")
    @warmup
    def test_counting_the_columns_stale_opportunities_is_two_queries(self):
        """The stages' days to rot, then one count, on the stage change date's
        index."""
        domain = [("stage_id", "in", (self.stage_small | self.stage_large).ids)]
        self.env.invalidate_all()
        with self.assertQueryCount(user_sales_manager=2):
            counts = self.env["crm.lead"].read_stale_count_by_stage(domain)
        self.assertEqual(
            counts,
            [
                {"stage_id": self.stage_small.id, "count": 1},
                {"stage_id": self.stage_large.id, "count": 20},
            ],
        )
