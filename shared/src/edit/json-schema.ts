// Filled in by the editor work (issue 6).
export {}
