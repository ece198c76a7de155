// Every domain module, one line each, in dependency order: a module comes after the modules it
// DEPENDS on, and its migrations run after theirs. TINHSO_MODULE(name) names the folder
// src/modules/<name>/ and the namespace tinhso::<name> whose `app::Module module()` (api.h) it
// declares. Included by registry.cpp only (no include guard: it is read twice).
TINHSO_MODULE(site)
TINHSO_MODULE(ops)
TINHSO_MODULE(audit)
TINHSO_MODULE(mail)
TINHSO_MODULE(directory)
TINHSO_MODULE(calendar)
TINHSO_MODULE(identity)
TINHSO_MODULE(mfa)
TINHSO_MODULE(procedures)
TINHSO_MODULE(dossiers)
TINHSO_MODULE(petitions)
TINHSO_MODULE(open311)
TINHSO_MODULE(tasks)
TINHSO_MODULE(overview)
TINHSO_MODULE(indicators)
TINHSO_MODULE(consultations)
TINHSO_MODULE(elections)
TINHSO_MODULE(backup)
