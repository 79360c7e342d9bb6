/**
 * A sales rep drags an opportunity into a stage requiring an expected revenue:
 * the card goes back, a message names what is missing, its button opens the
 * opportunity with the field marked; filled in, the card enters the stage.
 * The labels are what the rep must read on screen, in English and in French.
 * The data comes from tests/test_stage_gate_tours.py: the team's pipeline begins
 * with Intake (Accueil) then Proposal (Offre), which requires an expected revenue.
 */
import { registry } from "@web/core/registry";

const LABELS = {
    en: {
        new: "Intake",
        quote: "Proposal",
        requiredToEnter: "Required to Enter",
        expectedRevenue: "Expected Revenue",
        refusal: "School fire alarm cannot enter the stage Proposal yet",
        complete: "Complete the Opportunity",
    },
    fr: {
        new: "Accueil",
        quote: "Offre",
        requiredToEnter: "Requis pour entrer",
        expectedRevenue: "Revenu attendu",
        refusal: "School fire alarm ne peut pas encore entrer dans l'étape Offre",
        complete: "Compléter l'opportunité",
    },
};

const PIPELINE = ".o_opportunity_kanban";
const CARD = ".o_kanban_record:contains(School fire alarm)";

function column(title) {
    return `${PIPELINE} .o_kanban_group:has(.o_column_title:contains(/^${title}\\b/))`;
}

function stageGateSteps(l) {
    return [
        {
            content: "the Proposal column says what entering it requires",
            trigger: `${column(l.quote)} .o_column_title`,
            run: "hover",
        },
        {
            trigger: `.o-tooltip:contains(${l.requiredToEnter}):contains(${l.expectedRevenue})`,
        },
        {
            content: "drag the school's alarm to Proposal",
            trigger: `${column(l.new)} ${CARD}`,
            run: `drag_and_drop(${column(l.quote)})`,
        },
        {
            content: "refused: the message names the missing field",
            trigger: `.modal:contains(${l.refusal}):contains(${l.expectedRevenue})`,
        },
        { content: "the card went back", trigger: `${column(l.new)} ${CARD}` },
        { trigger: `.modal .modal-footer .btn-primary:contains(${l.complete})`, run: "click" },
        {
            content: "the opportunity opens with the missing field marked",
            trigger: ".modal .o_form_view .o_field_invalid[name=expected_revenue] input",
            run: "edit 12000",
        },
        {
            content: "leave the field",
            trigger: ".modal .o_form_view .o_field_widget[name=probability] input",
            run: "click",
        },
        {
            content: "filled in, the field is no longer marked",
            trigger: ".modal .o_form_view .o_field_widget:not(.o_field_invalid)[name=expected_revenue]",
        },
        { trigger: ".modal .o_form_button_save", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        {
            content: "drag it again",
            trigger: `${column(l.new)} ${CARD}`,
            run: `drag_and_drop(${column(l.quote)})`,
        },
        { content: "it enters the stage", trigger: `${column(l.quote)} ${CARD}` },
    ];
}

/** A sales administrator sets what entering Intake requires, in its column's Edit dialog. */
function requirementSteps() {
    return [
        {
            content: "open the settings of the Intake column",
            trigger: `${column("Intake")} .o_kanban_header_title`,
            run: `hover && click ${column("Intake")} .o_group_config button`,
        },
        {
            trigger: ".o-dropdown--group-config-menu .dropdown-item:contains(Edit)",
            run: "click",
        },
        {
            content: "require a field, chosen by its label",
            trigger: ".modal .o_field_widget[name=gate_field_ids] input",
            run: "edit Expected Rev",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Expected Revenue)",
            run: "click",
        },
        { trigger: ".modal .o_form_button_save", run: "click" },
        {
            content: "the column's tooltip says it",
            trigger: `body:not(:has(.modal)) ${column("Intake")} .o_column_title`,
            run: "hover",
        },
        {
            trigger: ".o-tooltip:contains(Required to Enter):contains(Expected Revenue)",
        },
    ];
}

for (const lang of ["en", "fr"]) {
    registry.category("web_tour.tours").add(`crm_stage_gate_drag_${lang}`, {
        steps: () => stageGateSteps(LABELS[lang]),
    });
}
registry.category("web_tour.tours").add("crm_stage_gate_requirements_en", {
    steps: requirementSteps,
});
