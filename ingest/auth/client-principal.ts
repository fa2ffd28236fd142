import { z } from 'zod';

const principal = z.object({
  claims: z.array(z.object({ typ: z.string(), val: z.string() })).default([]),
});

const OID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';

/**
 * The signed-in user App Service authentication passes in `x-ms-client-principal` (base64 JSON of the token's claims):
 * roles from the `roles` claims, id from the object id, name from `name` or the user name. Undefined when absent or
 * unreadable.
 */
export function principalOf(header: string | null): { id: string; name: string; roles: string[] } | undefined {
  if (!header) return undefined;
  let parsed: z.infer<typeof principal>;
  try {
    parsed = principal.parse(JSON.parse(Buffer.from(header, 'base64').toString('utf8')));
  } catch {
    return undefined;
  }
  const claim = (...types: string[]) => parsed.claims.find((c) => types.includes(c.typ))?.val;
  const id = claim('oid', OID);
  if (!id) return undefined;
  return {
    id,
    name: claim('name', 'preferred_username', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn') ?? id,
    roles: parsed.claims
      .filter((c) => c.typ === 'roles' || c.typ === 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role')
      .map((c) => c.val),
  };
}
