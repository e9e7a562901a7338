print("peacetalks: not wired yet")
