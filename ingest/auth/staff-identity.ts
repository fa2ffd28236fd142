/** Who on the newsroom staff made a desk request: recorded on what they resolve. */
export interface StaffIdentity {
  id: string;
  name: string;
}

/** How staff sign in: editor keys (stored hashed; `npm start` makes one), and on Azure App Service authentication. */
export interface StaffAuthSettings {
  editorKeys: { name: string; hash: string }[];
  /** True only where App Service authentication runs in front of the app: it strips a spoofed x-ms-client-principal. */
  easyAuth: boolean;
}

/** The Entra ID app role a signed-in person needs to use the desk. */
export const STAFF_ROLE = 'Newsdesk.Staff';
