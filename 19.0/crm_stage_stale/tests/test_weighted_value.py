from odoo.tests import tagged, users, warmup

from .common import StaleStageCase


@tagged("post_install", "-at_install", "crm_stage_stale")
class TestWeightedValue(StaleStageCase):
    """The stage list shows each stage's opportunities, expected and weighted
    revenue, as the pipeline's columns sum them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_tender = cls.env["crm.stage"].create(
            {"name": "Public Tender", "sequence": 4}
        )
        for revenue, probability in ((10000, 80), (5000, 50)):
            cls._create_opportunity(
                stage_id=cls.stage_tender.id,
                expected_revenue=revenue,
                probability=probability,
            )
        cls._create_opportunity(
            stage_id=cls.stage_tender.id, expected_revenue=7000
        ).action_set_lost()
        cls._create_opportunity(
            stage_id=cls.stage_tender.id, type="lead", expected_revenue=3000
        )

    def test_stage_totals_count_the_open_opportunities(self):
        stage = self.stage_tender
        self.assertEqual(stage.opportunity_count, 2)
        self.assertEqual(stage.expected_revenue_total, 15000)
        self.assertEqual(stage.weighted_revenue_total, 10500)
        self.assertEqual(stage.currency_id, self.env.company.currency_id)

    def test_empty_stage_totals_are_zero(self):
        self.assertEqual(
            (
                self.stage_empty.opportunity_count,
                self.stage_empty.expected_revenue_total,
                self.stage_empty.weighted_revenue_total,
            ),
            (0, 0, 0),
        )

    def test_probability_change_updates_the_weighted_total(self):
        lead = self.env["crm.lead"].search(
            [("stage_id", "=", self.stage_tender.id), ("expected_revenue", "=", 5000)]
        )
        lead.probability = 100
        self.stage_tender.invalidate_recordset()
        self.assertEqual(self.stage_tender.weighted_revenue_total, 13000)

    @users("user_sales_salesman")
    @warmup
    def test_totals_of_all_stages_take_one_query(self):
        stages = self.env["crm.stage"].search([])
        stages.mapped("weighted_revenue_total")  # the user's company is cached
        stages.invalidate_recordset()
        with self.assertQueryCount(1):
            stages.mapped("weighted_revenue_total")
        self.assertEqual(
            stages.filtered(lambda stage: stage == self.stage_tender).opportunity_count,
            2,
        )

    def test_two_currencies_are_converted_never_added(self):
        """1,000 USD and 77,777 EUR are not 78,777 of anything: each opportunity is
        converted to the current company's currency at its rate of today (each
        company's rates being of its own currency, as Odoo keeps them)."""
        euro = self.env.ref("base.EUR")
        euro.active = True
        dollar = self.company_main.currency_id
        self.assertEqual(dollar, self.env.ref("base.USD"))
        self.company_2.currency_id = euro
        # 1 USD = 2 EUR, in both companies
        self.env["res.currency.rate"].create(
            [
                {
                    "currency_id": currency.id,
                    "rate": rate,
                    "name": "2020-01-01",
                    "company_id": company.id,
                }
                for company, currency, rate in (
                    (self.company_main, euro, 2.0),
                    (self.company_2, dollar, 0.5),
                )
            ]
        )
        self.env["crm.lead"].search(
            [("stage_id", "=", self.stage_tender.id)]
        ).company_id = self.company_main
        self._create_opportunity(
            stage_id=self.stage_tender.id,
            team_id=self.team_c2.id,
            company_id=self.company_2.id,
            user_id=False,
            expected_revenue=77777,
            probability=100,
        )
        both = (self.company_main + self.company_2).ids
        for active, currency, expected, weighted in (
            (self.company_main, dollar, 15000 + 38888.5, 10500 + 38888.5),
            (self.company_2, euro, 30000 + 77777, 21000 + 77777),
        ):
            env = self.env(
                context=dict(self.env.context, allowed_company_ids=[active.id, *both])
            )
            stage = self.stage_tender.with_env(env)
            self.assertEqual(stage.currency_id, currency)
            self.assertAlmostEqual(stage.expected_revenue_total, expected)
            self.assertAlmostEqual(stage.weighted_revenue_total, weighted)
