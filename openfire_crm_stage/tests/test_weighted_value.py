from odoo.tests import tagged, users, warmup

from .common import OpenfireStageCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "weighted_value")
class TestWeightedValue(OpenfireStageCase):
    """The stage list shows each stage's opportunities, expected and weighted
    revenue, as the pipeline's columns sum them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_tender = cls.env["crm.stage"].create(
            {"name": "Public Tender", "sequence": 4, "probability": 80}
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
        self.assertEqual(stage.prorated_revenue_total, 10500)
        self.assertEqual(stage.company_currency_id, self.env.company.currency_id)

    def test_empty_stage_totals_are_zero(self):
        self.assertEqual(
            (
                self.stage_manual.opportunity_count,
                self.stage_manual.expected_revenue_total,
                self.stage_manual.prorated_revenue_total,
            ),
            (0, 0, 0),
        )

    def test_probability_change_updates_the_weighted_total(self):
        lead = self.env["crm.lead"].search(
            [("stage_id", "=", self.stage_tender.id), ("expected_revenue", "=", 5000)]
        )
        lead.probability = 100
        self.stage_tender.invalidate_recordset()
        self.assertEqual(self.stage_tender.prorated_revenue_total, 13000)

    @users("user_sales_salesman")
    @warmup
    def test_totals_of_all_stages_take_one_query(self):
        stages = self.env["crm.stage"].search([])
        stages.mapped("prorated_revenue_total")  # the user's company is cached
        stages.invalidate_recordset()
        with self.assertQueryCount(1):
            stages.mapped("prorated_revenue_total")
        self.assertEqual(
            stages.filtered(lambda stage: stage == self.stage_tender).opportunity_count,
            2,
        )
