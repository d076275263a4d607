import { Type } from '@sinclair/typebox';

/** What the directory's lists answer, one schema per kind (absent values are null). */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const ExpertView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  cityCode: Type.String(),
  employerCode: Type.String(),
  employerName: Type.String(),
  categories: Type.Array(Type.String()),
  fields: Type.Array(Type.String()),
  ties: Type.Array(Type.Object({ enterpriseId: Type.String(), kind: Type.String() })),
  email: Nullable(Type.String()),
  active: Type.Boolean(),
});

export const InstituteView = Type.Object({ id: Type.String(), name: Type.String(), cityCode: Nullable(Type.String()), email: Nullable(Type.String()) });

export const CertificationBodyView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  allianceMember: Type.Boolean(),
  status: Type.String(),
  email: Nullable(Type.String()),
});

export const MemberUnitView = Type.Object({ id: Type.String(), name: Type.String(), email: Nullable(Type.String()) });

export const ContactView = Type.Object({
  id: Type.Integer(),
  role: Type.String(),
  scope: Type.String(),
  name: Type.String(),
  email: Type.String(),
  language: Type.String(),
  active: Type.Boolean(),
});
