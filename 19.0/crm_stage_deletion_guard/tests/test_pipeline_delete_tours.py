from odoo.tests import tagged

from .common import DeletionTourCase


@tagged("post_install", "-at_install", "crm_stage_deletion_guard", "pipeline_ui")
class TestPipelineDeleteTours(DeletionTourCase):
    """A sales administrator deletes stages from the pipeline and from the stage
    list, in English and in French (static/tests/tours/pipeline_delete_tours.js)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (
            cls.stage_prospect,
            cls.stage_proposal,
            cls.stage_follow_up,
            cls.stage_legacy,
        ) = cls.env["crm.stage"].create(
            [
                {"name": "Prospect", "sequence": 1},
                {"name": "Proposal", "sequence": 4},
                {"name": "Follow-up", "sequence": 6},
                {"name": "Legacy Stage", "sequence": 7},
            ]
        )
        leads = cls.env["crm.lead"].create(
            [
                {
                    "name": name,
                    "type": "opportunity",
                    "team_id": cls.team.id,
                    "stage_id": stage.id,
                }
                for name, stage in (
                    ("Hotel smoke detectors", cls.stage_proposal),
                    ("Car park sprinklers", cls.stage_follow_up),
                    ("Old car park", cls.stage_follow_up),
                    ("Former customer", cls.stage_legacy),
                )
            ]
        )
        cls.leads = {lead.name: lead for lead in leads}
        (cls.leads["Old car park"] | cls.leads["Former customer"]).action_set_lost()

    def _start_tour(self, name, lang, url="/odoo/action-crm.crm_lead_action_pipeline"):
        user = self.users[lang]
        # the pipeline shows the user's own opportunities
        self.env["crm.lead"].with_context(active_test=False).search(
            [("team_id", "=", self.team.id)]
        ).user_id = user
        self.start_tour(
            url, f"crm_stage_deletion_guard_{name}_{lang[:2]}", login=user.login
        )

    def _assert_deleted(self):
        self.assertFalse(self.stage_follow_up.exists())
        self.assertTrue(
            self.stage_legacy.exists(), "a stage holding a lost opportunity stays"
        )
        moved = self.leads["Car park sprinklers"] | self.leads["Old car park"]
        self.assertEqual(moved.stage_id, self.stage_proposal)
        self.assertFalse(
            self.leads["Old car park"].active, "a lost opportunity stays lost"
        )

    def test_delete_en(self):
        self._start_tour("delete", "en_US")
        self._assert_deleted()

    def test_delete_fr(self):
        self._start_tour("delete", "fr_FR")
        self._assert_deleted()

    def test_stage_list_en(self):
        self._start_tour("stage_list", "en_US", url="/odoo/action-crm.crm_stage_action")
        self.assertFalse((self.stage_legacy | self.stage_follow_up).exists())
        self.assertEqual(self.leads["Former customer"].stage_id, self.stage_prospect)
        self.assertEqual(
            self.leads["Car park sprinklers"].stage_id, self.stage_proposal
        )
