/**
 * A sales manager applies a stage's win rate as its probability from its
 * dialog (pipeline column › Edit), in English and in French.
 * The data comes from tests/test_stage_win_rate_apply.py.
 */
import { registry } from "@web/core/registry";

const LABELS = {
    en: {
        edit: "Edit",
        winRate: "67 % — 8 won of 12 closed",
        apply: "Apply as Probability",
    },
    fr: {
        edit: "Modifier",
        winRate: "67 % — 8 gagnées sur 12 conclues",
        apply: "Appliquer comme probabilité",
    },
};

const SURVEY = `.o_opportunity_kanban .o_kanban_group:has(.o_column_title:contains(/^Site Survey\\b/))`;

function winRateSteps(l) {
    return [
        {
            // the gear only shows while the pointer is over the column title
            content: "open the settings of the Site Survey column",
            trigger: `${SURVEY} .o_kanban_header_title`,
            run: `hover && click ${SURVEY} .o_group_config button`,
        },
        {
            trigger: `.o-dropdown--group-config-menu .dropdown-item:contains(${l.edit})`,
            run: "click",
        },
        {
            content: "the stage's win rate, with the counts behind it, beside its probability",
            trigger: `.modal .o_field_widget[name=win_rate_summary]:contains(${l.winRate})`,
        },
        { trigger: ".modal .o_field_widget[name=probability] input:value(/^40\\D00$/)" },
        {
            content: "apply it as the stage's probability",
            trigger: `.modal button[name=action_apply_win_rate]:contains(${l.apply})`,
            run: "click",
        },
        {
            content: "the probability is the win rate, nothing left to apply",
            trigger: ".modal .o_field_widget[name=probability] input:value(/^67\\D00$/)",
        },
        { trigger: ".modal:not(:has(button[name=action_apply_win_rate]))" },
        { trigger: ".modal .o_form_button_save", run: "click" },
        { trigger: `body:not(:has(.modal)) ${SURVEY}` },
    ];
}

for (const [lang, labels] of Object.entries(LABELS)) {
    registry.category("web_tour.tours").add(`openfire_crm_stage_win_rate_${lang}`, {
        steps: () => winRateSteps(labels),
    });
}
