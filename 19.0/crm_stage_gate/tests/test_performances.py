from odoo.tests import tagged, users, warmup

from .common import StageGatePerformanceCase


@tagged("post_install", "-at_install", "crm_stage_gate", "performance")
class TestStageGatePerformances(StageGatePerformanceCase):
    """Nothing but the stage's lock when it has no requirements, a fixed handful
    of queries otherwise, whatever the number of opportunities."""

    @users("user_sales_salesman")
    @warmup
    def test_stage_without_requirements_adds_one_query(self):
        # the lock of the stage entered
        self._assert_move_adds(self.stage_survey, 1, 1)
        self._assert_move_adds(self.stage_survey, 30, 1)

    @users("user_sales_salesman")
    @warmup
    def test_drag_into_a_stage_with_requirements_adds_two_queries(self):
        # the lock and its fields to fill
        self._assert_move_adds(self.stage_quote, 1, 2)

    @users("user_sales_salesman")
    @warmup
    def test_bulk_move_into_a_stage_with_requirements_adds_two_queries(self):
        # the lock and its fields to fill, for 2 opportunities as for 30
        self._assert_move_adds(self.stage_quote, 2, 2)
        self._assert_move_adds(self.stage_quote, 30, 2)
