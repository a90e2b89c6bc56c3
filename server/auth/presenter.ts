/** What a sign-in answers: the session's token and end, and whose it is. */
export const presentSignIn = (session: { token: string; expiresAt: Date }, userId: string, isNewUser: boolean) => ({
  token: session.token,
  expiresAt: session.expiresAt,
  userId,
  isNewUser,
});
