// A stored import as the API answers it: the preview saved at the dry run, and what the confirm wrote.
import type { RegistryImport } from '@prisma/client';
import type { RegistryImportResult, RegistryPreview } from './schemas.js';

export function presentImport(row: RegistryImport) {
  const preview = JSON.parse(row.preview) as RegistryPreview;
  return {
    id: row.id,
    communityId: row.communityId,
    fileName: row.fileName,
    fileHash: row.fileHash,
    createdAt: row.createdAt,
    status: row.status as 'previewed' | 'confirmed' | 'superseded',
    confirmedAt: row.confirmedAt,
    result: row.result ? (JSON.parse(row.result) as RegistryImportResult) : null,
    ...preview,
  };
}
