/**
 * CRM › Reporting › Stage Durations, in English and in French: from the home
 * menu, open the report, drill into a stage, open an opportunity behind it.
 * The data comes from tests/test_stage_duration_tours.py.
 */
import { registry } from "@web/core/registry";
import { keepTheTeam, openCrmReport } from "./report_tour_steps";

const LABELS = {
    en: {
        reporting: "Reporting",
        report: "Stage Durations",
        quote: "Quote",
        team: "Sales Team",
        days: "Days in Stage",
        median: "Median Days in Stage",
    },
    fr: {
        reporting: "Analyse",
        report: "Durées des étapes",
        quote: "Quote",
        team: "Équipe commerciale",
        days: "Jours dans l'étape",
        median: "Jours dans l'étape (médiane)",
    },
};

function stageDurationSteps(l) {
    return [
        ...openCrmReport("crm_stage_analysis.crm_stage_duration_menu", l.reporting, l.report),
        {
            content: "the pivot shows the average and the median per stage and team",
            trigger: `.o_pivot thead:contains("${l.days}"):contains("${l.median}")`,
        },
        ...keepTheTeam(l.team),
        {
            trigger: ".o_pivot thead:contains(Brittany installers):not(:contains(Sales))",
        },
        {
            content: "drill into the quote stage",
            trigger: `.o_pivot tbody tr:has(th:contains(${l.quote})) td.o_pivot_cell_value:not(.o_empty)`,
            run: "click",
        },
        {
            content: "the opportunities behind it, one row per visit",
            trigger: `.o_list_view .o_data_row:contains(Hotel smoke detectors):contains(${l.quote})`,
        },
        {
            content: "the list holds that stage only",
            trigger: `.o_list_view:not(:has(.o_data_row:contains(School fire alarm)))`,
        },
        {
            content: "open the opportunity",
            trigger: ".o_list_view .o_data_row:contains(Hotel smoke detectors) td.o_data_cell",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_breadcrumb .active:contains(Hotel smoke detectors)",
        },
    ];
}

for (const [lang, labels] of Object.entries(LABELS)) {
    registry.category("web_tour.tours").add(`crm_stage_analysis_stage_duration_${lang}`, {
        steps: () => stageDurationSteps(labels),
    });
}
