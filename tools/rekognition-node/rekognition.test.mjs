// facefleet's Rekognition protocol driven by AWS's JavaScript SDK v3 (@aws-sdk/client-rekognition),
// unchanged but for its endpoint. Started by RekognitionNodeSdkTest (JUnit), which runs the service
// and passes: FACEFLEET_URL, FACEFLEET_KEY_ID, FACEFLEET_SECRET, FACEFLEET_PHOTOS (a folder with
// a.jpg and a2.jpg: one person, two pictures; b.jpg, c.jpg: two other people; group.jpg; blank.jpg).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RekognitionClient, DetectFacesCommand, CompareFacesCommand, CreateCollectionCommand, DescribeCollectionCommand,
  ListCollectionsCommand, DeleteCollectionCommand, IndexFacesCommand, ListFacesCommand, DeleteFacesCommand,
  SearchFacesCommand, SearchFacesByImageCommand, paginateListFaces,
} from '@aws-sdk/client-rekognition';

const endpoint = process.env.FACEFLEET_URL;
const photos = process.env.FACEFLEET_PHOTOS;
const client = (secret = process.env.FACEFLEET_SECRET) => new RekognitionClient({
  endpoint, region: 'us-east-1', maxAttempts: 1,
  credentials: { accessKeyId: process.env.FACEFLEET_KEY_ID, secretAccessKey: secret },
});
const rk = client();
const image = (name) => ({ Bytes: readFileSync(join(photos, name)) });

async function rejects(promise, name) {
  await assert.rejects(promise, (err) => { assert.equal(err.name, name, err.message); return true; });
}

test('DetectFaces: boxes as fractions, 30 landmarks, pose, quality; ALL adds age, gender, emotions', async () => {
  const r = await rk.send(new DetectFacesCommand({ Image: image('group.jpg'), Attributes: ['ALL'] }));
  assert.ok(r.FaceDetails.length > 1);
  for (const d of r.FaceDetails) {
    assert.ok(d.BoundingBox.Width > 0 && d.BoundingBox.Width <= 1);
    assert.equal(d.Landmarks.length, 30);
    const x = (t) => d.Landmarks.find((l) => l.Type === t).X;
    assert.ok(x('eyeLeft') < x('eyeRight'));
    assert.ok(d.Pose && d.Quality.Sharpness > 0 && d.Confidence > 50);
    assert.ok(d.AgeRange.Low >= 0 && d.AgeRange.High - d.AgeRange.Low >= 10);
    assert.ok(['Male', 'Female'].includes(d.Gender.Value) && d.Gender.Confidence >= 50);
    assert.equal(d.Emotions.length, 7);
    assert.ok(d.Emotions.every((e) => ['CALM', 'HAPPY', 'SAD', 'ANGRY', 'FEAR', 'DISGUSTED', 'SURPRISED'].includes(e.Type)));
  }
  const one = await rk.send(new DetectFacesCommand({ Image: image('a.jpg') }));
  assert.equal(one.FaceDetails.length, 1);
  assert.equal(one.FaceDetails[0].AgeRange, undefined, 'DEFAULT asks for no attributes');
});

test('CompareFaces: the same person matches, different people do not', async () => {
  const same = await rk.send(new CompareFacesCommand({ SourceImage: image('a.jpg'), TargetImage: image('a2.jpg') }));
  assert.equal(same.FaceMatches.length, 1);
  assert.ok(same.FaceMatches[0].Similarity >= 80);
  const other = await rk.send(new CompareFacesCommand({ SourceImage: image('a.jpg'), TargetImage: image('b.jpg') }));
  assert.equal(other.FaceMatches.length, 0);
  assert.equal(other.UnmatchedFaces.length, 1);
});

test('collections: create, describe, list, index, list faces, search, delete', async () => {
  const id = 'node-staff';
  const created = await rk.send(new CreateCollectionCommand({ CollectionId: id }));
  assert.equal(created.StatusCode, 200);
  await rejects(rk.send(new CreateCollectionCommand({ CollectionId: id })), 'ResourceAlreadyExistsException');
  await rejects(rk.send(new CreateCollectionCommand({ CollectionId: 'bad/name' })), 'InvalidParameterException');
  assert.ok((await rk.send(new ListCollectionsCommand({}))).CollectionIds.includes(id));

  const ids = {};
  for (const p of ['a', 'b', 'c']) {
    const r = await rk.send(new IndexFacesCommand({ CollectionId: id, Image: image(`${p}.jpg`), ExternalImageId: `person-${p}` }));
    assert.equal(r.FaceRecords.length, 1);
    ids[p] = r.FaceRecords[0].Face.FaceId;
  }
  const d = await rk.send(new DescribeCollectionCommand({ CollectionId: id }));
  assert.equal(d.FaceCount, 3);
  assert.ok(d.CreationTimestamp instanceof Date);

  const listed = [];
  for await (const page of paginateListFaces({ client: rk, pageSize: 2 }, { CollectionId: id })) {
    listed.push(...page.Faces.map((f) => f.FaceId));
  }
  assert.deepEqual(listed.sort(), Object.values(ids).sort());

  const found = await rk.send(new SearchFacesByImageCommand({ CollectionId: id, Image: image('a2.jpg') }));
  assert.equal(found.FaceMatches[0].Face.FaceId, ids.a);
  assert.equal(found.FaceMatches[0].Face.ExternalImageId, 'person-a');
  assert.ok(found.FaceMatches[0].Similarity >= 80);

  const similar = await rk.send(new SearchFacesCommand({ CollectionId: id, FaceId: ids.a, FaceMatchThreshold: 0 }));
  assert.equal(similar.SearchedFaceId, ids.a);
  assert.equal(similar.FaceMatches.length, 2);
  await rejects(rk.send(new SearchFacesCommand({ CollectionId: id, FaceId: '00000000-0000-0000-0000-000000000000' })),
    'ResourceNotFoundException');
  await rejects(rk.send(new SearchFacesByImageCommand({ CollectionId: id, Image: image('blank.jpg') })), 'InvalidParameterException');

  const del = await rk.send(new DeleteFacesCommand({ CollectionId: id, FaceIds: [ids.a] }));
  assert.deepEqual(del.DeletedFaces, [ids.a]);
  const after = await rk.send(new SearchFacesByImageCommand({ CollectionId: id, Image: image('a2.jpg') }));
  assert.ok(!after.FaceMatches.some((m) => m.Face.FaceId === ids.a));

  assert.equal((await rk.send(new DeleteCollectionCommand({ CollectionId: id }))).StatusCode, 200);
  await rejects(rk.send(new DescribeCollectionCommand({ CollectionId: id })), 'ResourceNotFoundException');
  await rejects(rk.send(new ListFacesCommand({ CollectionId: id })), 'ResourceNotFoundException');
});

test('errors arrive as the SDK\'s typed exceptions', async () => {
  await rejects(rk.send(new DetectFacesCommand({ Image: { Bytes: Buffer.from('not an image') } })), 'InvalidImageFormatException');
  await rejects(rk.send(new DetectFacesCommand({ Image: {} })), 'InvalidParameterException');
  await rejects(rk.send(new DetectFacesCommand({ Image: { Bytes: Buffer.alloc(2_000_001) } })), 'ImageTooLargeException');
  await rejects(rk.send(new DetectFacesCommand({ Image: { S3Object: { Bucket: 'photos', Name: 'none.jpg' } } })),
    'InvalidS3ObjectException');
  await rejects(rk.send(new IndexFacesCommand({ CollectionId: 'nowhere', Image: image('a.jpg') })), 'ResourceNotFoundException');
});

test('a wrong secret is refused', async () => {
  await rejects(client('not-the-secret').send(new ListCollectionsCommand({})), 'InvalidSignatureException');
});
