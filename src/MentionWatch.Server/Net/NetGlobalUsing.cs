// The private-target guard moved here from Alerting/Notifiers so sources share it; a global using keeps the
// notifiers (owned by the alerting work) compiling without touching their files.
global using MentionWatch.Server.Net;
