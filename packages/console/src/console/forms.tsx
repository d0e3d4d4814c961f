/* The console's forms use the shared pieces (the portal's too): fields with their problems in words, results, confirmations. */
export { Done, Field, FormProblem, InputError, fieldProblems, wholeNumber } from "../shared/forms.js";
export { Confirm } from "../shared/confirm.js";
