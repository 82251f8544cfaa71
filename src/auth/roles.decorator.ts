import { SetMetadata } from '@nestjs/common';

export type Role = 'admin' | 'coordinator' | 'clerk' | 'auditor';
export const ROLES: Role[] = ['admin', 'coordinator', 'clerk', 'auditor'];
export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';

/** The roles that may call a route; a route without it is open to every authenticated role. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** No token needed (health only). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Every role reads; only auditors never write. */
export const READERS: Role[] = ['admin', 'coordinator', 'clerk', 'auditor'];
