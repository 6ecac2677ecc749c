/*
 * Bouncer abilities that are not about one model. Authorization lives in one
 * policy per model (app/policies); nothing is needed here yet.
 */
export {}
