/**
 * Learning from history, in English and in French: a sales manager reads a
 * stage's win rate in its dialog (pipeline column › Edit); then opens CRM ›
 * Reporting › Stage Conversion, its funnel, and drills down to the
 * opportunities behind a stage.
 * The data comes from tests/test_stage_conversion_tours.py.
 */
import { registry } from "@web/core/registry";
import { keepTheTeam, openCrmReport } from "./report_tour_steps";

const LABELS = {
    en: {
        edit: "Edit",
        winRate: "67 % — 8 won of 12 closed",
        reporting: "Reporting",
        report: "Stage Conversion",
        entered: "Entered",
        conversion: "Conversion to Next (%)",
        team: "Sales Team",
    },
    fr: {
        edit: "Modifier",
        winRate: "67 % — 8 gagnées sur 12 conclues",
        reporting: "Analyse",
        report: "Conversion par étape",
        entered: "Entrées",
        conversion: "Conversion à l'étape suivante (%)",
        team: "Équipe commerciale",
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
            content: "the stage's win rate, with the counts behind it",
            trigger: `.modal .o_field_widget[name=win_rate_summary]:contains(${l.winRate})`,
        },
        {
            content: "read over the company's period",
            trigger: ".modal .o_field_widget[name=win_rate_months] input:value(12)",
        },
        { trigger: ".modal .o_form_button_cancel", run: "click" },
        { trigger: `body:not(:has(.modal)) ${SURVEY}` },
    ];
}

function stageConversionSteps(l) {
    return [
        ...openCrmReport("crm_stage_analysis.crm_stage_conversion_menu", l.reporting, l.report),
        {
            content: "the pivot counts the opportunities entering each stage and the conversion",
            trigger: `.o_pivot thead:contains("${l.entered}"):contains("${l.conversion}")`,
        },
        ...keepTheTeam(l.team),
        {
            content: "fifteen opportunities entered the Site Survey stage",
            trigger: ".o_pivot tbody tr:has(th:contains(Site Survey)) td.o_pivot_cell_value:first:contains(15)",
        },
        {
            content: "the funnel",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        { trigger: ".o_graph_renderer canvas" },
        { trigger: ".o_switch_view.o_pivot", run: "click" },
        {
            content: "drill into the Site Survey stage",
            trigger: ".o_pivot tbody tr:has(th:contains(Site Survey)) td.o_pivot_cell_value:not(.o_empty)",
            run: "click",
        },
        {
            content: "the opportunities behind it, each once",
            trigger: ".o_list_view .o_data_row:contains(Open alarm 1):contains(Site Survey)",
        },
        {
            content: "the list holds that stage only",
            trigger: ".o_list_view:not(:has(.o_data_row:not(:contains(Site Survey))))",
        },
        {
            content: "open the opportunity",
            trigger: ".o_list_view .o_data_row:contains(Open alarm 1) td.o_data_cell",
            run: "click",
        },
        { trigger: ".o_form_view .o_breadcrumb .active:contains(Open alarm 1)" },
    ];
}

for (const [lang, labels] of Object.entries(LABELS)) {
    registry.category("web_tour.tours").add(`crm_stage_analysis_win_rate_${lang}`, {
        steps: () => winRateSteps(labels),
    });
    registry.category("web_tour.tours").add(`crm_stage_analysis_stage_conversion_${lang}`, {
        steps: () => stageConversionSteps(labels),
    });
}
