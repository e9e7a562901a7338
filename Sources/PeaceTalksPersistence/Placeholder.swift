// Placeholder until this module's issue work lands.
