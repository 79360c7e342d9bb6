/**
 * The pipeline as a sales administrator works it: drag a card, edit, add and
 * fold columns; in English, and in French where French shows what English
 * can't. The data comes from tests/test_pipeline_tours.py.
 */
import {
    PIPELINE,
    card,
    checkProbability,
    column,
    columnMenu,
    registerTours,
} from "./pipeline_tour_steps";

function dragSteps(l) {
    return [
        {
            content: "move the school's alarm to the estimate column",
            trigger: `${column(l.new)} ${card("School fire alarm")}`,
            run: `drag_and_drop(${column(l.estimate)})`,
        },
        { trigger: `${column(l.estimate)} ${card("School fire alarm")}` },
        ...checkProbability("School fire alarm", 30),
        {
            content: "move it on to a column that leaves the probability alone",
            trigger: `${column(l.estimate)} ${card("School fire alarm")}`,
            run: `drag_and_drop(${column("Negotiation")})`,
        },
        { trigger: `${column("Negotiation")} ${card("School fire alarm")}` },
        ...checkProbability("School fire alarm", 30),
    ];
}

function columnSteps(l) {
    return [
        ...columnMenu(l.estimate, l.edit),
        {
            content: "the stage form speaks the user's language",
            trigger: `.modal .o_form_view:contains(${l.probability}):contains(${l.onChange})`,
        },
        {
            content: "rename the column",
            trigger: ".modal .o_field_widget[name=name] input",
            run: `edit ${l.renamed}`,
        },
        {
            content: "give it 35%",
            trigger: ".modal .o_field_widget[name=probability] input",
            run: "edit 35",
        },
        {
            content: "reserve it for the user's team",
            trigger: ".modal .o_field_widget[name=team_ids] input",
            run: "edit Brittany",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Brittany installers)",
            run: "click",
        },
        { trigger: ".modal .o_form_button_save", run: "click" },
        {
            content: "the column shows its new name",
            trigger: `${column(l.renamed)} ${card("Warehouse sprinklers")}`,
        },
        ...checkProbability("Warehouse sprinklers", 35),
        {
            content: "add a column",
            trigger: `${PIPELINE} .o_column_quick_create.o_quick_create_folded .o_quick_create_button`,
            run: "click",
        },
        {
            trigger: `${PIPELINE} .o_column_quick_create input`,
            run: `edit ${l.newColumn}`,
        },
        { trigger: `${PIPELINE} .o_column_quick_create .o_kanban_add`, run: "click" },
        { trigger: column(l.newColumn) },
        ...columnMenu(l.newColumn, l.edit),
        {
            content: "give the new column 60%",
            trigger: ".modal .o_field_widget[name=probability] input",
            run: "edit 60",
        },
        {
            content: "opportunities entering it take that value",
            trigger: ".modal .o_field_widget[name=on_change] input",
            run: "check",
        },
        { trigger: ".modal .o_form_button_save", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        {
            trigger: `${column(l.quote)} ${card("Hotel smoke detectors")}`,
            run: `drag_and_drop(${column(l.newColumn)})`,
        },
        { trigger: `${column(l.newColumn)} ${card("Hotel smoke detectors")}` },
        ...checkProbability("Hotel smoke detectors", 60),
    ];
}

function foldSteps(l) {
    return [
        ...columnMenu(l.visit, l.fold),
        {
            content: "the folded column keeps its count",
            trigger: `${PIPELINE} .o_column_folded:contains(${l.visit}):contains((1))`,
        },
        { trigger: `${PIPELINE} .o_column_folded:contains(${l.visit})`, run: "click" },
        {
            content: "open again, with its opportunity",
            trigger: `${column(l.visit)}:not(.o_column_folded) ${card("Town hall extinguishers")}`,
        },
        ...columnMenu(l.visit, l.edit),
        {
            content: "fold it for everyone",
            trigger: ".modal .o_field_widget[name=fold] input",
            run: "check",
        },
        { trigger: ".modal .o_form_button_save", run: "click" },
        {
            content: "the next visit of the pipeline shows it folded",
            trigger: "body:not(:has(.modal))",
            expectUnloadPage: true,
            run() {
                window.location.reload();
            },
        },
        {
            trigger: `${PIPELINE} .o_column_folded:contains(${l.visit}):contains((1))`,
        },
    ];
}

registerTours(
    { drag: dragSteps, column: columnSteps, fold: foldSteps },
    // French where it shows what English can't: the module's labels
    { en: ["drag", "column", "fold"], fr: ["column"] }
);
