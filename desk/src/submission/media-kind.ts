/** Whether a file is shown as a photo or a video, from its media type (`video`) or its sniffed content type (`video/mp4`). */
export const mediaKindOf = (type: string): 'photo' | 'video' => (type === 'video' || type.startsWith('video/') ? 'video' : 'photo');
