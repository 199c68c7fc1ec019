/**
 * Rota's events carry single-value extended properties in Rota's own property set (a fixed GUID chosen for
 * Rota, never to be changed: events written under another GUID would no longer be recognised as Rota's).
 */
export const ROTA_PROPERTY_SET = '{6f1d2c7e-3b9a-4e51-8c0d-52a7e4b9f130}';
/** The event's identity: "<rotation id>/<segment start as ISO UTC>". */
export const KEY_PROPERTY = `String ${ROTA_PROPERTY_SET} Name RotaKey`;
/** The rotation id alone, so one $filter finds every event of a rotation. */
export const ROTATION_PROPERTY = `String ${ROTA_PROPERTY_SET} Name RotaRotation`;
/** A hash of what Rota wrote, so a reconcile can tell an up-to-date event without comparing HTML bodies. */
export const CONTENT_PROPERTY = `String ${ROTA_PROPERTY_SET} Name RotaContent`;
