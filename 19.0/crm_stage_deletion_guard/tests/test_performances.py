from odoo.exceptions import RedirectWarning
from odoo.tests import tagged, users, warmup

from .common import StageDeletionCase


@tagged("post_install", "-at_install", "crm_stage_deletion_guard", "performance")
class TestStageDeletionPerformances(StageDeletionCase):
    """A refused deletion counts the leads in one grouped query, however many."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_small, cls.stage_large = cls.env["crm.stage"].create(
            [{"name": "Small"}, {"name": "Large"}]
        )
        for stage, count in ((cls.stage_small, 2), (cls.stage_large, 60)):
            cls.env["crm.lead"].create(
                [
                    {
                        "name": f"{stage.name} {index}",
                        "type": "opportunity",
                        "stage_id": stage.id,
                        "active": bool(index % 2),
                    }
                    for index in range(count)
                ]
            )

    def _queries_of(self, operation):
        """The queries ``operation`` costs from cold caches."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        operation()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    @users("user_sales_manager")
    @warmup
    def test_refused_deletion_costs_the_same_for_2_or_60_leads(self):
        def delete(stage):
            with self.assertRaises(RedirectWarning):
                stage.with_env(self.env).unlink()

        counts = [
            self._queries_of(lambda stage=stage: delete(stage))
            for stage in (self.stage_small, self.stage_large)
        ]
        if self.warm:
            self.assertEqual(counts[0], counts[1])
